import type { JetStreamContext } from './jetstream-context.js';

/** How a consumer worker reaches the Nest handlers of its server. */
export interface HandlerInvoker {
  hasHandler(pattern: string): boolean;
  /** Runs the handler and settles when it has finished; rejects with the handler's error. */
  invoke(pattern: string, data: unknown, context: JetStreamContext): Promise<void>;
}
