import { deepEqual, isJsonObject, type JsonObject } from '../util/json.js';
import type { ListTypeResolver } from './list-types.js';

/**
 * The strategic-merge-patch subset kubectl needs for built-in kinds (kube-api-notes §2.3): maps merge recursively
 * (`null` deletes), `$patch: replace|delete`, `$retainKeys`, lists merge by key with `{"$patch":"delete", key}` items,
 * `$setElementOrder/<list>` orders, primitive merge lists (finalizers) union with `$deleteFromPrimitiveList/<list>`;
 * every other list is atomic. Remaining `$` directives never reach the result. The original is not modified.
 */
export function applyStrategicMergePatch(original: unknown, patch: unknown, listTypes: ListTypeResolver): unknown {
  if (!isJsonObject(patch)) return stripDirectives(patch);
  return mergeMap(isJsonObject(original) ? original : undefined, patch, [], listTypes) ?? {};
}

const setElementOrderPrefix = '$setElementOrder/';
const deleteFromPrimitiveListPrefix = '$deleteFromPrimitiveList/';

/** A deep copy without `$`-prefixed keys and without `{"$patch": …}` list items. */
export function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => !(isJsonObject(item) && '$patch' in item && Object.keys(item).length === 1)).map(stripDirectives);
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value)) if (!key.startsWith('$')) out[key] = stripDirectives(value[key]);
  return out;
}

/** Merges a patch map into an original map; undefined means "delete this map". */
function mergeMap(original: JsonObject | undefined, patch: JsonObject, path: string[], listTypes: ListTypeResolver): JsonObject | undefined {
  const directive = patch['$patch'];
  if (directive === 'delete') return undefined;
  if (directive === 'replace') return stripDirectives(patch) as JsonObject;
  let base: JsonObject = original ?? {};
  const retainKeys = patch['$retainKeys'];
  if (Array.isArray(retainKeys)) {
    const keep = new Set(retainKeys.map(String));
    base = Object.fromEntries(Object.entries(base).filter(([k]) => keep.has(k)));
  }
  const out: JsonObject = { ...base };
  for (const key of Object.keys(patch)) {
    if (key.startsWith('$')) continue;
    const value = patch[key];
    const childPath = [...path, key];
    if (value === null) {
      delete out[key];
    } else if (isJsonObject(value)) {
      const merged = mergeMap(isJsonObject(base[key]) ? base[key] : undefined, value, childPath, listTypes);
      if (merged === undefined) delete out[key];
      else out[key] = merged;
    } else if (Array.isArray(value)) {
      out[key] = mergeList(base[key], value, childPath, listTypes);
    } else {
      out[key] = value;
    }
  }
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(deleteFromPrimitiveListPrefix)) continue;
    const field = key.slice(deleteFromPrimitiveListPrefix.length);
    const remove = patch[key];
    if (Array.isArray(out[field]) && Array.isArray(remove)) out[field] = (out[field] as unknown[]).filter((v) => !remove.some((r) => deepEqual(r, v)));
  }
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(setElementOrderPrefix)) continue;
    const field = key.slice(setElementOrderPrefix.length);
    const order = patch[key];
    if (Array.isArray(out[field]) && Array.isArray(order)) out[field] = reorder(out[field] as unknown[], order, [...path, field], listTypes);
  }
  return out;
}

function mergeList(original: unknown, patch: unknown[], path: string[], listTypes: ListTypeResolver): unknown[] {
  const listType = listTypes(path);
  const base = Array.isArray(original) ? original : [];
  if (listType.type === 'atomic') return stripDirectives(patch) as unknown[];
  if (listType.type === 'set') {
    const out = [...base];
    for (const item of patch) if (!out.some((v) => deepEqual(v, item))) out.push(item);
    return out;
  }
  if (patch.some((item) => isJsonObject(item) && item['$patch'] === 'replace')) return stripDirectives(patch) as unknown[];
  const keys = listType.keys;
  const out = [...base];
  for (const item of patch) {
    if (!isJsonObject(item)) {
      out.push(item);
      continue;
    }
    const index = out.findIndex((existing) => sameKey(existing, item, keys));
    if (item['$patch'] === 'delete') {
      if (index >= 0) out.splice(index, 1);
      continue;
    }
    const merged = mergeMap(index >= 0 && isJsonObject(out[index]) ? (out[index] as JsonObject) : undefined, item, path, listTypes);
    if (index >= 0) {
      if (merged === undefined) out.splice(index, 1);
      else out[index] = merged;
    } else if (merged !== undefined) out.push(merged);
  }
  return out;
}

function sameKey(existing: unknown, item: JsonObject, keys: readonly string[]): boolean {
  return isJsonObject(existing) && keys.every((k) => deepEqual(existing[k], item[k]));
}

/** Sorts the list by `$setElementOrder`; items it does not name keep their relative order after the named ones. */
function reorder(list: unknown[], order: unknown[], path: string[], listTypes: ListTypeResolver): unknown[] {
  const listType = listTypes(path);
  const position = (item: unknown): number =>
    order.findIndex((o) => (listType.type === 'map' ? isJsonObject(o) && sameKey(item, o, listType.keys) : deepEqual(o, item)));
  const named = list.filter((item) => position(item) >= 0).sort((a, b) => position(a) - position(b));
  const others = list.filter((item) => position(item) < 0);
  return [...named, ...others];
}
