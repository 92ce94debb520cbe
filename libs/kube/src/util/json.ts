/** A JSON object as decoded from a request body or stored: values are JSON values (typed loosely at this boundary). */
export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of two JSON values (key order of objects is ignored, array order is not). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ao = a as JsonObject;
  const bo = b as JsonObject;
  let count = 0;
  for (const key in ao) {
    if (ao[key] === undefined) continue;
    count++;
    if (!deepEqual(ao[key], bo[key])) return false;
  }
  for (const key in bo) if (bo[key] !== undefined) count--;
  return count === 0;
}

/** A deep copy of a JSON value; undefined object members are dropped, as JSON would. */
export function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const out: JsonObject = {};
  for (const key in value as JsonObject) {
    const v = (value as JsonObject)[key];
    if (v !== undefined) out[key] = cloneJson(v);
  }
  return out as T;
}

/** Reads a nested member by a list of keys; undefined when any step is missing or not an object. */
export function getPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isJsonObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** A copy of `value` with the member at `path` set (objects along the path are copied, the rest is shared). */
export function setPath(value: JsonObject, path: readonly string[], member: unknown): JsonObject {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const out: JsonObject = { ...value };
  if (rest.length === 0) {
    if (member === undefined) delete out[head];
    else out[head] = member;
    return out;
  }
  const child = isJsonObject(value[head]) ? (value[head] as JsonObject) : {};
  out[head] = setPath(child, rest, member);
  return out;
}
