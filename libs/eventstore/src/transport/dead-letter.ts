import { DeadLettered, deterministicId, newEnvelope, type Envelope } from '@karmada-ts/contracts';
import type { JsMsg } from '@nats-io/jetstream';

/** The envelope recording that `durable` gave up on `message`. */
export function deadLetterEnvelope(input: {
  readonly message: JsMsg;
  readonly durable: string;
  readonly subject: string;
  readonly error: unknown;
  /** The original envelope when it could be decoded (its ids continue the chain). */
  readonly original: Envelope | undefined;
  readonly time: string;
}): DeadLettered {
  const { message, durable, original } = input;
  const origin = `${message.info.stream}:${message.seq}`;
  return newEnvelope(DeadLettered, {
    // One dead letter per (message, consumer): a retry after a crash between publish and term is deduplicated.
    id: deterministicId(origin, input.subject, DeadLettered.type, durable),
    subject: input.subject,
    time: input.time,
    actor: `system:${durable}`,
    correlationId: original?.correlationId ?? origin,
    causationId: original?.id ?? origin,
    data: {
      durable,
      stream: message.info.stream,
      streamSeq: message.seq,
      subject: message.subject,
      deliveryCount: message.info.deliveryCount,
      error: describeError(input.error),
      headers: Object.fromEntries(message.headers ? [...message.headers] : []),
      payload: message.string(),
    },
  });
}

/** Name, message and stack of anything thrown (Nest RPC filters may throw plain objects). */
export function describeError(error: unknown): { name: string; message: string; stack?: string } {
  if (error instanceof Error) {
    return error.stack === undefined
      ? { name: error.name, message: error.message }
      : { name: error.name, message: error.message, stack: error.stack };
  }
  return { name: 'NonError', message: typeof error === 'string' ? error : JSON.stringify(error) };
}
