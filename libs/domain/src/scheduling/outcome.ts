import type { SchedulingError, SchedulingOutcome } from './scheduling-error.js';

export function succeeded<T>(value: T): SchedulingOutcome<T> {
  return { ok: true, value };
}

export function failed(kind: SchedulingError['kind'], message: string): SchedulingOutcome<never> {
  return { ok: false, error: { kind, message } };
}

/** Prefixes the message the way Go's fmt.Errorf("...: %w") does, keeping the kind. */
export function wrapped<T>(outcome: SchedulingOutcome<T>, prefix: string): SchedulingOutcome<T> {
  return outcome.ok ? outcome : { ok: false, error: { ...outcome.error, message: `${prefix}: ${outcome.error.message}` } };
}
