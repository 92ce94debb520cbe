import { isJsonObject, type JsonObject } from '../util/json.js';

/**
 * RFC 7386 JSON merge patch: objects merge recursively, `null` deletes a member, anything else (arrays included)
 * replaces. The target is not modified; untouched subtrees are shared with the result.
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return patch;
  const base: JsonObject = isJsonObject(target) ? target : {};
  const out: JsonObject = { ...base };
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value === null) delete out[key];
    else out[key] = applyMergePatch(base[key], value);
  }
  return out;
}

/** The merge patch that turns `from` into `to` (used by clients and tests; arrays are replaced whole). */
export function createMergePatch(from: unknown, to: unknown): unknown {
  if (!isJsonObject(from) || !isJsonObject(to)) return to;
  const patch: JsonObject = {};
  for (const key of Object.keys(from)) if (!(key in to)) patch[key] = null;
  for (const key of Object.keys(to)) {
    if (!(key in from)) patch[key] = to[key];
    else if (JSON.stringify(from[key]) !== JSON.stringify(to[key])) patch[key] = createMergePatch(from[key], to[key]);
  }
  return patch;
}
