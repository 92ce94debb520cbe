import { pino, type DestinationStream, type Logger } from 'pino';
import { redactSecrets } from './redact-secrets.js';

export type { Logger } from 'pino';

export interface LoggerOptions {
  /** The service name written on every line. */
  readonly service: string;
  /** pino level: fatal, error, warn, info, debug, trace or silent. Default info. */
  readonly level?: string;
  /** Where lines go; stdout by default. */
  readonly destination?: DestinationStream;
}

/**
 * A JSON logger: one line per entry with `time` (ISO), `level` (name), `service` and the logged fields, with
 * secret-looking fields redacted (see redactSecrets).
 *
 * There is no ambient context (AsyncLocalStorage): a line about an event names its correlation and causation ids
 * itself (the consumer worker's lines do). In Node 20 AsyncLocalStorage runs a hook on every promise of the process
 * once it is used, and that was 6 % of executor-svc's CPU, most of it on member calls outside any event's handling.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (fields) => redactSecrets(fields),
      },
    },
    options.destination,
  );
}
