import { encodeEnvelope, EnvelopeDecodeError, eventTypeHeader, type Envelope, type EventRegistry } from '@karmada-ts/contracts';
import type { BackboneMetrics } from '@karmada-ts/operability';
import {
  DeliverPolicy,
  DirectMsgHeaders,
  JetStreamApiCodes,
  JetStreamApiError,
  PubHeaders,
  jetstream,
  jetstreamManager,
  type ApiError,
  type JetStreamClient,
  type JetStreamManager,
  type OrderedConsumerOptions,
} from '@nats-io/jetstream';
import { Empty, headers, type MsgHdrs, type NatsConnection } from '@nats-io/nats-core';
import type { NodeConnectionOptions } from '@nats-io/transport-node';
import { ConcurrencyConflictError, parseActualSequence } from './concurrency-conflict-error.js';
import { connectNats } from './nats-connection.js';
import { settlePipelined } from './pipelined.js';
import { ReplyInbox } from './reply-inbox.js';
import { decodeStoredEvent, type StoredEvent } from './stored-event.js';

/**
 * The sequence an append expects its subject to be at: the subject's last sequence as the writer read it (0 = the
 * subject must be empty), or `'any'` to append without a check (only for writers that own a subject alone and
 * never decide on state, such as audit records).
 */
export type ExpectedSeq = number | 'any';

export interface AppendOptions {
  readonly expectedSeq: ExpectedSeq;
  /** JetStream message id for deduplication; defaults to the envelope id (deterministic for derived events). */
  readonly msgId?: string;
  /** The envelope's data as JSON, when the writer has encoded it already (see encodeEnvelope): not encoded again. */
  readonly dataJson?: string;
}

export interface AppendResult {
  /** The stream sequence of the event (of the original one when `duplicate`). */
  readonly seq: number;
  /** True when the message id was already in the duplicate window: nothing new was stored. */
  readonly duplicate: boolean;
}

export interface AppendItem extends AppendOptions {
  readonly subject: string;
  readonly envelope: Envelope;
}

/** The outcome of one item of {@link EventStore.appendBatch}. */
export type AppendOutcome = ({ readonly ok: true } & AppendResult) | { readonly ok: false; readonly error: Error };

export interface EventStoreOptions {
  /** The stream name (`new Subjects(instance).stream`). */
  readonly stream: string;
  /** Decodes and upcasts what is read back. */
  readonly registry: EventRegistry;
  /** Counts appended events. */
  readonly metrics?: BackboneMetrics;
}

export interface ReplayOptions {
  /** First stream sequence to deliver; default 1. */
  readonly fromSeq?: number;
  /** How many messages the replay asks the server for at a time; default 1000. */
  readonly batchSize?: number;
  /**
   * Called for a message that can never be decoded (not an envelope); the replay skips it, as the live consumers
   * dead-letter it. Without this callback such a message stops the replay with an EnvelopeDecodeError.
   */
  readonly onUndecodable?: (seq: number, error: EnvelopeDecodeError) => void;
}

/**
 * The JetStream event store: conditional appends (expected last subject sequence + message id), reads of an
 * aggregate's last event, and ordered replays. One instance per process; it is safe for concurrent use.
 */
export class EventStore {
  readonly stream: string;
  private readonly js: JetStreamClient;
  /** Appends and direct gets, the store's requests on every event, go through one inbox (see ReplyInbox). */
  private readonly inbox: ReplyInbox;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly options: EventStoreOptions,
    private readonly ownsConnection: boolean,
  ) {
    this.stream = options.stream;
    this.js = jetstream(nc);
    this.inbox = new ReplyInbox(nc);
  }

  /** An event store on an existing connection (the caller closes the connection). */
  static async open(nc: NatsConnection, options: EventStoreOptions): Promise<EventStore> {
    return new EventStore(nc, await jetstreamManager(nc), options, false);
  }

  /** An event store with its own connection (connectNats), drained by {@link close}. */
  static async connect(connection: NodeConnectionOptions, options: EventStoreOptions): Promise<EventStore> {
    const nc = await connectNats(connection);
    try {
      return new EventStore(nc, await jetstreamManager(nc), options, true);
    } catch (err) {
      await nc.close();
      throw err;
    }
  }

  /** The underlying connection (for readiness checks). */
  get connection(): NatsConnection {
    return this.nc;
  }

  /**
   * Appends one event to `subject` if the subject is still at `expectedSeq`.
   * @throws ConcurrencyConflictError when another writer appended first.
   */
  async append(subject: string, envelope: Envelope, options: AppendOptions): Promise<AppendResult> {
    if (envelope.subject !== subject) {
      throw new Error(`envelope ${envelope.id} is for ${envelope.subject}, not ${subject}`);
    }
    const expected = options.expectedSeq;
    const answer = await this.inbox.request(subject, encodeEnvelope(envelope, options.dataJson), appendHeaders(envelope.type, options.msgId ?? envelope.id, expected));
    const ack = answer.json<PubAckAnswer>();
    if (ack.error) {
      const error = new JetStreamApiError(ack.error);
      if (expected !== 'any' && error.code === JetStreamApiCodes.StreamWrongLastSequence) {
        throw new ConcurrencyConflictError(subject, expected, parseActualSequence(error.message), { cause: error });
      }
      throw error;
    }
    const duplicate = ack.duplicate === true;
    if (!duplicate) this.options.metrics?.eventAppended(envelope.type);
    return { seq: ack.seq, duplicate };
  }

  /**
   * Appends many events with up to `window` publishes in flight. Items are sent in input order; outcomes come back
   * in input order, one per item, each either its result or its own error (a conflict on one item does not stop
   * the others). Items for the same subject need `expectedSeq: 'any'` or sequences known in advance.
   */
  async appendBatch(items: readonly AppendItem[], options: { window?: number } = {}): Promise<AppendOutcome[]> {
    const settled = await settlePipelined(items, options.window ?? 256, (item) =>
      this.append(item.subject, item.envelope, item),
    );
    return settled.map((outcome) =>
      outcome.status === 'fulfilled'
        ? { ok: true, ...outcome.value }
        : { ok: false, error: outcome.reason instanceof Error ? outcome.reason : new Error(String(outcome.reason)) },
    );
  }

  /** The last event on `subject` (direct get), or undefined when the subject is empty. */
  async readLast(subject: string): Promise<StoredEvent | undefined> {
    const message = await this.lastMessage(subject);
    return message ? decodeStoredEvent(this.options.registry, message.data, message.seq) : undefined;
  }

  /**
   * The stream sequence below which a durable consumer has acknowledged everything (its ack floor): events up to it
   * were handled, or given up on, by some replica.
   */
  async ackFloor(durable: string): Promise<number> {
    return (await this.jsm.consumers.info(this.stream, durable)).ack_floor.stream_seq;
  }

  /** The last sequence of the stream, or of the subjects matching `filterSubject` (0 when there is none). */
  async lastSequence(filterSubject?: string): Promise<number> {
    if (filterSubject === undefined) return (await this.jsm.streams.info(this.stream)).state.last_seq;
    return (await this.lastMessage(filterSubject))?.seq ?? 0;
  }

  /**
   * Replays the events matching `filterSubject` in stream order (an ordered consumer) and ends once it has
   * delivered everything that was in the stream when it caught up.
   */
  async *replay(filterSubject: string, options: ReplayOptions = {}): AsyncGenerator<StoredEvent> {
    const fromSeq = options.fromSeq ?? 1;
    const consumerOptions: Partial<OrderedConsumerOptions> =
      fromSeq > 1
        ? { filter_subjects: filterSubject, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: fromSeq }
        : { filter_subjects: filterSubject, deliver_policy: DeliverPolicy.All };
    // Server 2.9 takes one filter as a plain string; arrays need 2.10.
    const consumer = await this.js.consumers.get(this.stream, consumerOptions);
    if ((await consumer.info()).num_pending === 0) return;
    const messages = await consumer.consume({ max_messages: options.batchSize ?? 1000 });
    try {
      for await (const message of messages) {
        const decoded = this.decodeForReplay(message.data, message.seq, options);
        if (decoded) yield decoded;
        if (message.info.pending === 0) break;
      }
    } finally {
      await messages.close();
    }
  }

  /** Stops the store's requests, and drains the connection when the store opened it. */
  async close(): Promise<void> {
    this.inbox.close();
    if (this.ownsConnection && !this.nc.isClosed()) await this.nc.drain();
  }

  /** The last message on the subjects matching `filter` (a direct get), or undefined when there is none. */
  private async lastMessage(filter: string): Promise<{ seq: number; data: Uint8Array } | undefined> {
    const answer = await this.inbox.request(`$JS.API.DIRECT.GET.${this.stream}.${filter}`, Empty);
    const status = answer.headers?.code ?? 0;
    if (status === 404) return undefined;
    if (status !== 0) throw new Error(`direct get of the last message on ${filter} in ${this.stream}: ${status} ${answer.headers?.description ?? ''}`.trimEnd());
    return { seq: Number(answer.headers?.get(DirectMsgHeaders.Sequence)), data: answer.data };
  }

  private decodeForReplay(body: Uint8Array, seq: number, options: ReplayOptions): StoredEvent | undefined {
    try {
      return decodeStoredEvent(this.options.registry, body, seq);
    } catch (err) {
      if (err instanceof EnvelopeDecodeError && !err.retryable && options.onUndecodable) {
        options.onUndecodable(seq, err);
        return undefined;
      }
      throw err;
    }
  }
}

/** The stream's answer to a publish: where the message was stored, or why it was not. */
interface PubAckAnswer {
  readonly seq: number;
  readonly duplicate?: boolean;
  readonly error?: ApiError;
}

/** An append's headers: the event type (read before decoding), the message id and the expected subject sequence. */
function appendHeaders(type: string, msgId: string, expected: ExpectedSeq): MsgHdrs {
  const h = headers();
  h.set(eventTypeHeader, type);
  h.set(PubHeaders.MsgIdHdr, msgId);
  if (expected !== 'any') h.set(PubHeaders.ExpectedLastSubjectSequenceHdr, String(expected));
  return h;
}
