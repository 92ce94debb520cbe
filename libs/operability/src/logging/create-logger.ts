import { pino, type DestinationStream, type Logger } from 'pino';
import { currentLogContext } from './log-context.js';
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
 * A JSON logger: one line per entry with `time` (ISO), `level` (name), `service`, the current {@link LogContext}
 * (correlationId, causationId, …) and the logged fields with secret-looking fields redacted (see redactSecrets).
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => ({ ...currentLogContext() }),
      formatters: {
        level: (label) => ({ level: label }),
        log: (fields) => redactSecrets(fields),
      },
    },
    options.destination,
  );
}
