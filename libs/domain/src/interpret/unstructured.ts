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

/** A deep copy: objects handed in are never edited in place. */
export function deepCopy<T>(value: T): T {
  return structuredClone(value);
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

/** Structural equality of JSON values, ignoring the order of object keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const entries = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
