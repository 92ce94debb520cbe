/** What a redacted value is replaced with. */
export const redactedValue = '[redacted]';

/**
 * Field names whose values never reach a log: credentials of every kind, and `data`, because event data and
 * Kubernetes Secret data may hold secrets. Matched case-insensitively against the whole field name.
 */
const secretFieldNames = [
  'data',
  'stringdata',
  'password',
  'passwd',
  'passphrase',
  'secret',
  '.*secrets?',
  '.*token',
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  '.*api[-_]?key',
  'private[-_]?key',
  'client[-_]?key(?:[-_]?data)?',
  'kubeconfig',
  'credentials?',
  'bearer',
];
export const secretFieldPattern = new RegExp(`^(?:${secretFieldNames.join('|')})$`, 'i');

const maxDepth = 10;

/**
 * A copy of `value` in which every field whose name looks secret ({@link secretFieldPattern}) is replaced by
 * {@link redactedValue}, at any depth. Errors, dates and buffers are kept as they are (pino serializes errors
 * itself); cycles and very deep structures are cut off.
 */
export function redactSecrets<T>(value: T): T {
  return redact(value, 0, new WeakSet()) as T;
}

function redact(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Error || value instanceof Date || ArrayBuffer.isView(value)) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= maxDepth) return '[too deep]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1, seen));
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      out[key] = secretFieldPattern.test(key) ? redactedValue : redact(field, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}
