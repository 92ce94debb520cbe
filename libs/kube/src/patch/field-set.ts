import type { FieldsV1 } from '../api/object.js';
import { deepEqual, isJsonObject, type JsonObject } from '../util/json.js';
import type { ListTypeResolver } from './list-types.js';

/**
 * Field sets in managedFields' FieldsV1 form: `f:<name>` for a field, `k:<json>` for a keyed list item,
 * `v:<json>` for a set member, `.` for the list item itself; a node without children is an owned leaf.
 * A path is the list of those keys from the root.
 */
export type FieldPath = readonly string[];

function itemKey(item: JsonObject, keys: readonly string[]): string {
  const key: JsonObject = {};
  for (const k of [...keys].sort()) key[k] = item[k];
  return `k:${JSON.stringify(key)}`;
}

/** The set of fields an applied configuration specifies (`path` = field names of `value` from the root). */
export function fieldSetOf(value: JsonObject, listTypes: ListTypeResolver, path: readonly string[] = []): FieldsV1 {
  const set: FieldsV1 = {};
  for (const key of Object.keys(value)) {
    const member = value[key];
    if (member === undefined) continue;
    set[`f:${key}`] = memberSet(member, listTypes, [...path, key]);
  }
  return set;
}

function memberSet(member: unknown, listTypes: ListTypeResolver, path: readonly string[]): FieldsV1 {
  if (isJsonObject(member)) return fieldSetOf(member, listTypes, path);
  if (!Array.isArray(member) || member.length === 0) return {};
  const listType = listTypes(path);
  if (listType.type === 'atomic') return {};
  const node: FieldsV1 = {};
  for (const item of member) {
    if (listType.type === 'set') node[`v:${JSON.stringify(item)}`] = {};
    else if (isJsonObject(item)) node[itemKey(item, listType.keys)] = { '.': {}, ...fieldSetOf(item, listTypes, path) };
  }
  return node;
}

/** Every owned leaf path of a set. */
export function leafPaths(set: FieldsV1, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const key of Object.keys(set)) {
    const child = set[key]!;
    const path = [...prefix, key];
    if (Object.keys(child).length === 0) out.push(path);
    else out.push(...leafPaths(child, path));
  }
  return out;
}

export function containsPath(set: FieldsV1, path: FieldPath): boolean {
  let node: FieldsV1 | undefined = set;
  for (const key of path) {
    node = node[key];
    if (node === undefined) return false;
  }
  return Object.keys(node).length === 0;
}

/** Whether the set has the node at `path` or anything beneath it. */
export function touchesPath(set: FieldsV1, path: FieldPath): boolean {
  let node: FieldsV1 | undefined = set;
  for (const key of path) {
    node = node[key];
    if (node === undefined) return false;
  }
  return true;
}

/** A copy of the set without the leaf at `path`; parents left empty are removed too. */
export function removePath(set: FieldsV1, path: FieldPath): FieldsV1 {
  const [head, ...rest] = path;
  if (head === undefined || !(head in set)) return set;
  const out: FieldsV1 = { ...set };
  if (rest.length === 0) {
    delete out[head];
    return out;
  }
  const child = removePath(set[head]!, rest);
  if (Object.keys(child).length === 0) delete out[head];
  else out[head] = child;
  return out;
}

export function isEmptySet(set: FieldsV1): boolean {
  return Object.keys(set).length === 0;
}

function parseKey(pathKey: string): unknown {
  return JSON.parse(pathKey.slice(2));
}

/** The value a path points at inside an object (undefined when absent). */
export function valueAtPath(object: unknown, path: FieldPath): unknown {
  let current = object;
  for (const key of path) {
    if (key === '.') continue;
    if (key.startsWith('f:')) {
      current = isJsonObject(current) ? current[key.slice(2)] : undefined;
    } else if (key.startsWith('k:')) {
      const wanted = parseKey(key) as JsonObject;
      current = Array.isArray(current) ? current.find((item) => isJsonObject(item) && Object.keys(wanted).every((k) => deepEqual(item[k], wanted[k]))) : undefined;
    } else if (key.startsWith('v:')) {
      const wanted = parseKey(key);
      current = Array.isArray(current) && current.some((item) => deepEqual(item, wanted)) ? wanted : undefined;
    } else return undefined;
    if (current === undefined) return undefined;
  }
  return current;
}

/**
 * A copy of `object` without what `path` points at: a field, a keyed item (`k:…` or `k:…`+`.`), or a set member.
 * Maps and lists left empty are removed as well unless `keep(parentPath)` says the empty map itself is owned.
 */
export function removeAtPath(object: JsonObject, path: FieldPath, keep: (path: FieldPath) => boolean): JsonObject {
  const trimmed = path[path.length - 1] === '.' ? path.slice(0, -1) : path;
  const result = removeIn(object, trimmed, 0, keep);
  return isJsonObject(result) ? result : {};
}

function removeIn(current: unknown, path: FieldPath, depth: number, keep: (path: FieldPath) => boolean): unknown {
  const key = path[depth];
  if (key === undefined) return current;
  const last = depth === path.length - 1;
  if (key.startsWith('f:') && isJsonObject(current)) {
    const field = key.slice(2);
    if (!(field in current)) return current;
    const out: JsonObject = { ...current };
    if (last) delete out[field];
    else {
      const child = removeIn(current[field], path, depth + 1, keep);
      const empty = (isJsonObject(child) && Object.keys(child).length === 0) || (Array.isArray(child) && child.length === 0);
      if (empty && !keep(path.slice(0, depth + 1))) delete out[field];
      else out[field] = child;
    }
    return out;
  }
  if (Array.isArray(current) && (key.startsWith('k:') || key.startsWith('v:'))) {
    const wanted = parseKey(key);
    const matches = (item: unknown): boolean =>
      key.startsWith('v:') ? deepEqual(item, wanted) : isJsonObject(item) && Object.keys(wanted as JsonObject).every((k) => deepEqual(item[k], (wanted as JsonObject)[k]));
    if (last) return current.filter((item) => !matches(item));
    return current.map((item) => (matches(item) ? removeIn(item, path, depth + 1, keep) : item));
  }
  return current;
}

/** `.spec.template.spec.containers[name="nginx"].image`, the fieldpath notation of conflict messages. */
export function formatFieldPath(path: FieldPath): string {
  let out = '';
  for (const key of path) {
    if (key === '.') continue;
    if (key.startsWith('f:')) out += `.${key.slice(2)}`;
    else if (key.startsWith('k:')) {
      const wanted = parseKey(key) as JsonObject;
      out += `[${Object.keys(wanted)
        .map((k) => `${k}=${JSON.stringify(wanted[k])}`)
        .join(',')}]`;
    } else if (key.startsWith('v:')) out += `[=${key.slice(2)}]`;
  }
  return out;
}
