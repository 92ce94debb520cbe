import { AckPolicy, DeliverPolicy, type ConsumerConfig, type ConsumerUpdateConfig } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';

/** Where a new durable consumer starts. Only applies when the consumer is created; an existing one keeps its place. */
export type DeliverFrom = 'all' | 'new' | { readonly fromSeq: number };

/** Exponential retry delay: `baseMs · 2^(delivery − 1)`, capped at `maxMs`. */
export interface BackoffSpec {
  readonly baseMs: number;
  readonly maxMs: number;
}

/** One durable pull consumer of a service. */
export interface ConsumerSpec {
  /** `<service>-<purpose>` (durableName from @karmada-ts/contracts). Replicas of a service share it. */
  readonly durable: string;
  /** One subject filter (server 2.9 has no multi-filter consumers). */
  readonly filterSubject: string;
  /** Default `'all'`. */
  readonly deliver?: DeliverFrom;
  /** Deliveries before a failing message is dead-lettered. Default 5. */
  readonly maxDeliver?: number;
  /**
   * How long a delivered message may go without an ack or a keep-alive before the server delivers it again. The
   * worker keeps alive every message it holds, queued or being handled, so this is what a message delivered to a
   * process that died waits before another process gets it (`restart`: caught up within seconds). Default 6 s.
   */
  readonly ackWaitMs?: number;
  /**
   * Unacknowledged messages the server lets this consumer have (all replicas together), which also bounds what a
   * process buffers. Default 4 × batchSize × concurrency.
   */
  readonly maxAckPending?: number;
  /** Most messages handed to handlers at once. Default 100. */
  readonly batchSize?: number;
  /** Retry delays after a failure. Default 1 s doubling up to 60 s. */
  readonly backoff?: BackoffSpec;
  /**
   * Batches one process handles at the same time. Default 1: batches run one after another in delivery order.
   * More overlaps one batch's database round trips with the next one's decoding and writes, at the price of batches
   * finishing out of order: fine for seq-guarded projections and level-triggered handlers, which must already cope
   * with replicas doing the same.
   */
  readonly concurrency?: number;
  /**
   * How long a batch smaller than batchSize may wait for more messages before it is handed over, measured from its
   * first message. Default 0 (at once). A few milliseconds turn a trickle of single events into batches: one
   * transaction, one set of read-model queries and one reconcile per batch instead of per event, which is what a
   * busy machine runs out of, for that much more latency per hop. A message after a quiet spell (no batch for three
   * lingers) goes at once: alone, it has nothing to wait for.
   */
  readonly lingerMs?: number;
  /**
   * The event types its batch handler reads (a projection consumer's: its projections' and its reconciler's), when
   * that is fewer than its filter subject carries (a batch consumer only; default every type). A message of another type, told by its header, is not decoded: the handler gets only
   * the events it reads and learns the batch's highest sequence from its context (JetStreamContext.getHighWaterSeq),
   * so a projection checkpoint still moves past what was left out. Such a message is acknowledged with its batch.
   */
  readonly eventTypes?: readonly string[];
  /**
   * Which subjects of its filter its batch handler reads, when fewer than the filter carries and no single filter
   * names them: a replica's share of the member clusters (a batch consumer only; default every subject). A message
   * on another subject is left undecoded, as one of a type it does not read (eventTypes).
   */
  readonly readsSubject?: (subject: string) => boolean;
  /**
   * The batch handler settles its events one by one as each is done (JetStreamContext.settle). `concurrency` then
   * counts messages, not batches: up to batchSize × concurrency messages held by handlers at once, however many
   * batches they came in, so an event that waits long (a Work for a slow member) holds its own slot and not its whole
   * batch's. Default false.
   */
  readonly settlesEach?: boolean;
}

export type ResolvedConsumerSpec = Required<Omit<ConsumerSpec, 'eventTypes' | 'readsSubject'>> & {
  /** The types the batch handler reads; undefined when it reads every type. */
  readonly eventTypes: ReadonlySet<string> | undefined;
  /** The subjects the batch handler reads; undefined when it reads every subject. */
  readonly readsSubject: ((subject: string) => boolean) | undefined;
};

export function resolveConsumerSpec(spec: ConsumerSpec): ResolvedConsumerSpec {
  const batchSize = spec.batchSize ?? 100;
  const concurrency = spec.concurrency ?? 1;
  const resolved: ResolvedConsumerSpec = {
    durable: spec.durable,
    filterSubject: spec.filterSubject,
    deliver: spec.deliver ?? 'all',
    maxDeliver: spec.maxDeliver ?? 5,
    ackWaitMs: spec.ackWaitMs ?? 6_000,
    maxAckPending: spec.maxAckPending ?? batchSize * concurrency * 4,
    batchSize,
    backoff: spec.backoff ?? { baseMs: 1_000, maxMs: 60_000 },
    concurrency,
    lingerMs: spec.lingerMs ?? 0,
    eventTypes: spec.eventTypes === undefined ? undefined : new Set(spec.eventTypes),
    readsSubject: spec.readsSubject,
    settlesEach: spec.settlesEach ?? false,
  };
  if (
    resolved.maxDeliver < 1 ||
    resolved.batchSize < 1 ||
    resolved.lingerMs < 0 ||
    resolved.concurrency < 1 ||
    resolved.maxAckPending < resolved.batchSize * resolved.concurrency
  ) {
    throw new Error(
      `consumer ${spec.durable}: need maxDeliver, batchSize, concurrency ≥ 1 and maxAckPending ≥ batchSize × concurrency`,
    );
  }
  if (resolved.eventTypes?.size === 0) throw new Error(`consumer ${spec.durable}: eventTypes, when given, names at least one type`);
  return resolved;
}

/**
 * The settings of an existing consumer that follow the spec on every start.
 *
 * The server's own delivery limit is one above `maxDeliver`: the transport dead-letters a message when its handler
 * fails on delivery `maxDeliver`; the extra delivery only happens when that delivery got no verdict (the process
 * died or the ack wait ran out), and the transport then dead-letters the message without running the handler.
 */
export function consumerUpdateConfig(spec: ResolvedConsumerSpec): Partial<ConsumerUpdateConfig> {
  return {
    ack_wait: nanos(spec.ackWaitMs),
    max_deliver: spec.maxDeliver + 1,
    max_ack_pending: spec.maxAckPending,
  };
}

/**
 * The full configuration of a new consumer. Acks are explicit (one per message): with `AckPolicy.All` acking a later
 * message would also acknowledge an earlier one still waiting for its retry, and lose it.
 */
export function consumerCreateConfig(spec: ResolvedConsumerSpec): Partial<ConsumerConfig> {
  const deliver = spec.deliver;
  const start =
    deliver === 'all'
      ? { deliver_policy: DeliverPolicy.All }
      : deliver === 'new'
        ? { deliver_policy: DeliverPolicy.New }
        : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: deliver.fromSeq };
  return {
    ...consumerUpdateConfig(spec),
    ...start,
    durable_name: spec.durable,
    ack_policy: AckPolicy.Explicit,
    filter_subject: spec.filterSubject,
  };
}

/** The nak delay after the `deliveryCount`-th delivery failed. */
export function retryDelayMs(deliveryCount: number, backoff: BackoffSpec): number {
  return Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, deliveryCount - 1));
}
