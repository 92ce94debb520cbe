import { deterministicId } from './deterministic-id.js';
import type { EventType } from './event-type.js';

/**
 * What every event in the stream looks like (ARCHITECTURE.md §2 rule 4). The JSON of this object is the message
 * body; the stream sequence is not part of it (see `StoredEvent` in @karmada-ts/eventstore).
 */
export interface Envelope<Data = unknown, Type extends string = string> {
  /** Unique, and deterministic when derived from a command or a causing event: it doubles as the message id. */
  readonly id: string;
  /** The event type's name, e.g. `ResourceUpserted`. */
  readonly type: Type;
  /** The aggregate subject the event is appended to. */
  readonly subject: string;
  /** When it happened (ISO 8601). Taken from the cause, never from a clock inside domain code. */
  readonly time: string;
  /** Who: a user (`user:alice`) or a service (`system:scheduler-svc`). */
  readonly actor: string;
  /** The user request that started the chain of events. */
  readonly correlationId: string;
  /** The command or event that directly caused this one. */
  readonly causationId: string;
  /** Schema version of `data` (an integer, see {@link EventType.version}). */
  readonly version: number;
  readonly data: Data;
}

/**
 * The message body of an envelope: its JSON. `dataJson`, when given, is the JSON of `envelope.data` that the caller
 * made already (to digest it, say) and is used as it is instead of encoding the data again; the body then decodes to
 * the same envelope (its data comes last).
 */
export function encodeEnvelope(envelope: Envelope, dataJson?: string): string {
  if (dataJson === undefined) return JSON.stringify(envelope);
  const { data: _encoded, ...rest } = envelope;
  return `${JSON.stringify(rest).slice(0, -1)},"data":${dataJson}}`;
}

/** Something that can cause an event: a command or another event (both have an id and a correlation id). */
export interface Cause {
  readonly id: string;
  readonly correlationId: string;
}

/** The fields of a new event that do not come from its type or its cause. */
export interface EventFields<Data> {
  readonly subject: string;
  readonly data: Data;
  readonly time: string;
  readonly actor: string;
}

/** Builds an envelope with explicit ids (a first event of a chain whose ids the caller already has). */
export function newEnvelope<Type extends string, Data>(
  type: EventType<Type, Data>,
  fields: EventFields<Data> & { readonly id: string; readonly correlationId: string; readonly causationId: string },
): Envelope<Data, Type> {
  return {
    id: fields.id,
    type: type.type,
    subject: fields.subject,
    time: fields.time,
    actor: fields.actor,
    correlationId: fields.correlationId,
    causationId: fields.causationId,
    version: type.version,
    data: fields.data,
  };
}

/**
 * Builds the envelope of an event caused by `cause` (a command or an event). The id is derived from
 * (cause id, subject, type, discriminator), so a retried handler or command produces the same id and therefore the
 * same JetStream message id. Pass a `discriminator` when one cause yields several events of one type on one subject.
 */
export function causedBy<Type extends string, Data>(
  cause: Cause,
  type: EventType<Type, Data>,
  fields: EventFields<Data> & { readonly discriminator?: string },
): Envelope<Data, Type> {
  return newEnvelope(type, {
    ...fields,
    id: deterministicId(cause.id, fields.subject, type.type, fields.discriminator ?? ''),
    correlationId: cause.correlationId,
    causationId: cause.id,
  });
}
