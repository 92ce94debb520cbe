import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Fields every log line written inside a unit of work carries: the event's correlation and causation ids, the
 * consumer and stream sequence that delivered it, an HTTP request id.
 */
export interface LogContext {
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly eventId?: string;
  readonly [field: string]: string | number | undefined;
}

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with `context` added to the current log context (inner fields win). */
export function withLogContext<T>(context: LogContext, fn: () => T): T {
  return storage.run({ ...storage.getStore(), ...context }, fn);
}

/** The log context of the running unit of work, if any. */
export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}
