/**
 * Safe reads of Kubernetes objects held as plain JSON. Templates and member objects arrive untyped (any kind, any
 * shape), so every read checks the type it expects and answers `undefined` otherwise, the way Go's
 * unstructured.Nested* helpers do.
 */
export type JsonObject = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a path of field names, or undefined when any step is missing or not an object. */
export function valueAt(root: unknown, ...path: string[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

export function recordAt(root: unknown, ...path: string[]): JsonObject | undefined {
  const value = valueAt(root, ...path);
  return isRecord(value) ? value : undefined;
}

export function arrayAt(root: unknown, ...path: string[]): unknown[] | undefined {
  const value = valueAt(root, ...path);
  return Array.isArray(value) ? value : undefined;
}

export function stringAt(root: unknown, ...path: string[]): string | undefined {
  const value = valueAt(root, ...path);
  return typeof value === 'string' ? value : undefined;
}

export function numberAt(root: unknown, ...path: string[]): number | undefined {
  const value = valueAt(root, ...path);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A map of strings (labels, annotations, nodeSelector); entries that are not strings are dropped. */
export function stringMapAt(root: unknown, ...path: string[]): Record<string, string> | undefined {
  const value = recordAt(root, ...path);
  if (!value) return undefined;
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** The records of an array, skipping anything else. */
export function recordsAt(root: unknown, ...path: string[]): JsonObject[] {
  return (arrayAt(root, ...path) ?? []).filter(isRecord);
}

/**
 * A deep copy of a JSON value: objects handed in are never edited in place. A plain recursive copy, because
 * structuredClone (a serializer with cycle tracking) costs several times as much on the objects of a render or a
 * status aggregation, which are plain JSON.
 */
export function deepCopy<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(deepCopy) as T;
  const copy: JsonObject = {};
  for (const key of Object.keys(value)) {
    const item = deepCopy((value as JsonObject)[key]);
    // A parsed "__proto__" key is an own field: assigning it would set the copy's prototype instead.
    if (key === '__proto__') Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy as T;
}

/** The API group of an apiVersion: "apps/v1" → "apps", "v1" → "". */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** The version of an apiVersion: "apps/v1" → "v1", "v1" → "v1". */
export function versionOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? apiVersion : apiVersion.slice(slash + 1);
}

/**
 * Structural equality of JSON values, ignoring the order of object keys and keys whose value is undefined (as JSON
 * does). Compared in place, without serializing either side.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  if (!isRecord(a) || !isRecord(b)) return false;
  let definedInA = 0;
  for (const key of Object.keys(a)) {
    if (a[key] === undefined) continue;
    definedInA += 1;
    if (!sameJson(a[key], b[key])) return false;
  }
  let definedInB = 0;
  for (const key of Object.keys(b)) if (b[key] !== undefined) definedInB += 1;
  return definedInA === definedInB;
}
