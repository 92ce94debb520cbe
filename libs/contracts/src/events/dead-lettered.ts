import { defineEventType, type EnvelopeOf } from '../event-type.js';

/**
 * A message a consumer gave up on: its handler failed `deliveryCount` times (or the message could not be decoded).
 * Published on `<instance>.deadletter.<durable>` before the original is terminated, with everything needed to
 * inspect and replay it.
 */
export interface DeadLetteredData {
  readonly durable: string;
  readonly stream: string;
  /** Stream sequence of the original message. */
  readonly streamSeq: number;
  /** Subject of the original message. */
  readonly subject: string;
  readonly deliveryCount: number;
  readonly error: { readonly name: string; readonly message: string; readonly stack?: string };
  /** The original message headers (each header may repeat). */
  readonly headers: Readonly<Record<string, readonly string[]>>;
  /** The original message body as UTF-8 text (normally the JSON of an envelope). */
  readonly payload: string;
}

export const DeadLettered = defineEventType<'DeadLettered', DeadLetteredData>('DeadLettered', { version: 1 });
export type DeadLettered = EnvelopeOf<typeof DeadLettered>;
