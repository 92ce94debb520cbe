import { deepCopy } from '../interpret/unstructured.js';
import { arrayIndex, parsePointer, resolvePointer } from './json-pointer.js';

/** One RFC 6902 operation of the kinds Karmada's overriders produce. A missing value means JSON null, as in Karmada. */
export interface PatchOperation {
  readonly op: 'add' | 'remove' | 'replace';
  readonly path: string;
  readonly value?: unknown;
}

export type PatchResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly index: number; readonly path: string; readonly message: string };

/**
 * Applies an RFC 6902 patch to a copy of the document, all or nothing: the first failing operation makes the whole
 * patch fail and the input is never touched. `add` needs the parent to exist (it creates no intermediate objects),
 * `remove` and `replace` need the target to exist; "-" appends to an array.
 */
export function applyJsonPatch<T>(document: T, operations: readonly PatchOperation[]): PatchResult<T> {
  let root: unknown = deepCopy(document);
  for (const [index, operation] of operations.entries()) {
    const outcome = applyOne(root, operation);
    if (typeof outcome === 'string') return { ok: false, index, path: operation.path, message: outcome };
    root = outcome.root;
  }
  return { ok: true, value: root as T };
}

/** The new root, or an error message. */
function applyOne(root: unknown, operation: PatchOperation): { root: unknown } | string {
  const tokens = parsePointer(operation.path);
  if (!tokens) return `${operation.op} operation: invalid JSON pointer ${JSON.stringify(operation.path)}`;
  const value = operation.value === undefined ? null : deepCopy(operation.value);
  if (tokens.length === 0) {
    return operation.op === 'remove' ? `remove operation: cannot remove the whole document` : { root: value };
  }
  const parent = resolvePointer(root, tokens.slice(0, -1));
  const key = tokens[tokens.length - 1] as string;
  const missing = `${operation.op} operation does not apply: doc is missing path: ${JSON.stringify(operation.path)}`;
  if (!parent.found || typeof parent.value !== 'object' || parent.value === null) return missing;

  if (Array.isArray(parent.value)) {
    const list = parent.value;
    const index = key === '-' && operation.op === 'add' ? list.length : arrayIndex(key);
    const limit = operation.op === 'add' ? list.length : list.length - 1;
    if (index === undefined || index > limit) return `${operation.op} operation: invalid array index ${JSON.stringify(key)} in ${JSON.stringify(operation.path)}`;
    if (operation.op === 'add') list.splice(index, 0, value);
    else if (operation.op === 'remove') list.splice(index, 1);
    else list[index] = value;
    return { root };
  }

  const object = parent.value as Record<string, unknown>;
  if (operation.op !== 'add' && !Object.hasOwn(object, key)) return missing;
  if (operation.op === 'remove') delete object[key];
  else object[key] = value;
  return { root };
}
