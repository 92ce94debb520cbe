/** RFC 3339 in UTC with whole seconds, as Kubernetes writes metav1.Time (`2026-11-25T21:47:52Z`). */
export function formatTimestamp(date: Date): string {
  return date.toISOString().slice(0, 19) + 'Z';
}

/** Parses an RFC 3339 timestamp (fractional seconds allowed); undefined when it is not one. */
export function parseTimestamp(value: unknown): Date | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
