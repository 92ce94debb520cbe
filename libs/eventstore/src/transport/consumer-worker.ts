import { DeadLettered, encodeEnvelope, EnvelopeDecodeError, eventTypeHeader, type EventRegistry } from '@karmada-ts/contracts';
import type { BackboneMetrics, Logger } from '@karmada-ts/operability';
import type { Consumer, ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { headers } from '@nats-io/nats-core';
import { decodeStoredEvent, type StoredEvent } from '../stored-event.js';
import { retryDelayMs, type ResolvedConsumerSpec } from './consumer-spec.js';
import { deadLetterEnvelope } from './dead-letter.js';
import { localPending, type DeliveryState } from './local-pending.js';
import type { HandlerInvoker } from './handler-invoker.js';
import { JetStreamContext, type SettleEvent } from './jetstream-context.js';
import { batchPattern, eventPattern } from './patterns.js';

/**
 * How many lingers without a batch make a quiet spell. One was too few: at 50 templates/s (`steady`) the services
 * then committed 26 % more batches than when every batch lingered (17,323 transactions against 13,752); with three,
 * 4.5 % more (14,374), while at 2 templates/s a template's Works are applied twice as soon (docs/performance.md).
 */
const quietSpells = 3;

export interface ConsumerWorkerDeps {
  readonly js: JetStreamClient;
  readonly stream: string;
  readonly spec: ResolvedConsumerSpec;
  readonly registry: EventRegistry;
  readonly invoker: HandlerInvoker;
  readonly deadLetterSubject: string;
  readonly logger: Logger;
  readonly metrics: BackboneMetrics | undefined;
  /** Timestamps dead letters. */
  readonly now: () => Date;
}

/**
 * A message on its way to a handler: decoded into an event, or left undecoded because the batch handler does not
 * read its type or subject (ConsumerSpec.eventTypes, readsSubject), in which case it only counts towards the batch's
 * highest sequence.
 */
interface Delivery {
  readonly message: JsMsg;
  readonly event: StoredEvent | undefined;
}

/**
 * Runs one durable consumer: pulls messages into a local queue (bounded by the consumer's max ack pending),
 * hands them to the handlers a batch at a time, acks each message only after its handler succeeded, naks failures
 * with exponential backoff and dead-letters a message whose handler failed on its last allowed delivery.
 *
 * Ordering: with the default concurrency of 1, batches run one after another in delivery order. A failed event is
 * retried later while the events after it go on, so handlers and projections must not skip events by a
 * consumer-wide position (see @karmada-ts/projections: rows carry the sequence that wrote them).
 */
export class ConsumerWorker {
  private consumer: Consumer | undefined;
  private messages: ConsumerMessages | undefined;
  private readonly queue: JsMsg[] = [];
  /** When the oldest queued message arrived (performance.now()), for lingerMs. */
  private firstQueuedAt = 0;
  /** When the last batch was handed over (performance.now()), for lingerMs. */
  private lastHandedOverAt = Number.NEGATIVE_INFINITY;
  private wake: (() => void) | undefined;
  private stopping = false;
  private loop: Promise<void> = Promise.resolve();
  private stopReadingLag: (() => void) | undefined;
  /** Batches being handled. */
  private readonly inFlight = new Set<Promise<void>>();
  /** The messages of the batches being handled (with the queue: every message held here, not settled yet). */
  private readonly handling = new Set<readonly JsMsg[]>();
  /**
   * With settlesEach, the messages of the batches being handled that are not settled yet: what `concurrency` counts.
   * Not kept otherwise: nothing reads it then, and every message of every consumer goes through here.
   */
  private readonly unsettled = new Set<JsMsg>();
  /** When each held message was delivered, or last said to be in progress (performance.now()). */
  private readonly aliveAt = new WeakMap<JsMsg, number>();
  private keepAliveTimer: NodeJS.Timeout | undefined;
  private pulling = false;
  private lastKnownPending: number | undefined;
  private lastRetryAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: ConsumerWorkerDeps) {}

  get durable(): string {
    return this.deps.spec.durable;
  }

  async start(): Promise<void> {
    const { js, stream, spec } = this.deps;
    this.consumer = await js.consumers.get(stream, spec.durable);
    this.messages = await this.consumer.consume({
      max_messages: spec.batchSize,
      callback: (message) => this.enqueue(message),
    });
    this.pulling = true;
    this.keepAliveTimer = setInterval(() => this.keepAlive(), keepAliveIntervalMs(this.deps.spec.ackWaitMs)).unref();
    void this.forgetPendingWhenPullsFail(this.messages);
    void this.messages.closed().then((err) => {
      this.pulling = false;
      if (!this.stopping) this.deps.logger.error({ err, durable: this.durable }, 'consumer stopped delivering');
    });
    this.loop = this.run();
    this.stopReadingLag = this.deps.metrics?.readConsumerLagFrom(this.durable, () => this.pendingForMetrics());
  }

  /**
   * The pull loop goes on through a missing consumer or stream and through missed heartbeats, retrying; meanwhile
   * nothing local can say the consumer is caught up, so the next count comes from the server (which may fail).
   */
  private async forgetPendingWhenPullsFail(messages: ConsumerMessages): Promise<void> {
    for await (const status of messages.status()) {
      if (pullFailures.has(status.type)) this.lastKnownPending = undefined;
    }
  }

  /**
   * Messages in the stream not yet delivered to this consumer: 0 when the worker knows it has caught up (see
   * localPending), otherwise fresh from the server.
   */
  async pending(): Promise<number> {
    if (!this.consumer) throw new Error(`consumer ${this.durable} is not started`);
    const state: DeliveryState = {
      pulling: this.pulling,
      lastKnownPending: this.lastKnownPending,
      busy: this.queue.length > 0 || this.inFlight.size > 0,
      lastRetryAt: this.lastRetryAt,
    };
    const known = localPending(state, performance.now(), this.deps.spec.backoff.maxMs);
    if (known !== undefined) return known;
    this.lastKnownPending = (await this.consumer.info()).num_pending;
    return this.lastKnownPending;
  }

  /**
   * Stops pulling, lets the batch in flight finish (and be acked), and naks what is still queued so another
   * replica takes it at once instead of after the ack wait.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stopReadingLag?.();
    await this.messages?.close();
    for (const message of this.queue.splice(0)) message.nak();
    this.wake?.();
    await this.loop;
    clearInterval(this.keepAliveTimer);
  }

  private enqueue(message: JsMsg): void {
    if (this.stopping) {
      message.nak();
      return;
    }
    this.lastKnownPending = message.info.pending;
    this.aliveAt.set(message, performance.now());
    if (this.queue.length === 0) this.firstQueuedAt = performance.now();
    this.queue.push(message);
    this.wake?.();
  }

  /**
   * Takes batches off the queue and processes up to `concurrency` of them at a time (one by default, so batches of
   * this worker run in delivery order).
   */
  private async run(): Promise<void> {
    for (;;) {
      const lingering = this.lingerLeftMs();
      if (this.queue.length > 0 && this.hasRoom() && lingering <= 0) {
        this.lastHandedOverAt = performance.now();
        const running: Promise<void> = this.processSafely(this.queue.splice(0, this.deps.spec.batchSize)).finally(() =>
          this.inFlight.delete(running),
        );
        this.inFlight.add(running);
        // What is left over has waited already: it goes next, without lingering.
        this.firstQueuedAt = Number.NEGATIVE_INFINITY;
        continue;
      }
      if (this.queue.length === 0 && this.stopping) break;
      const woken = new Promise<void>((resolve) => (this.wake = resolve));
      let timer: NodeJS.Timeout | undefined;
      const lingered = lingering > 0 ? new Promise<void>((resolve) => (timer = setTimeout(resolve, lingering))) : undefined;
      await Promise.race([woken, ...this.inFlight, ...(lingered ? [lingered] : [])]);
      clearTimeout(timer);
      this.wake = undefined;
    }
    await Promise.all(this.inFlight);
  }

  /**
   * Whether another batch may start: fewer than `concurrency` batches in flight or, for a consumer whose handler
   * settles its events one by one, room for the next batch among the batchSize × concurrency messages handlers may
   * hold (a batch smaller than batchSize needs room for itself only).
   */
  private hasRoom(): boolean {
    const { concurrency, batchSize, settlesEach } = this.deps.spec;
    if (!settlesEach) return this.inFlight.size < concurrency;
    return this.unsettled.size + Math.min(this.queue.length, batchSize) <= batchSize * concurrency;
  }

  /** A message handed to a handler is settled: it no longer takes a slot nor needs keeping alive. */
  private release(message: JsMsg): void {
    this.unsettled.delete(message);
    this.aliveAt.delete(message);
    if (this.deps.spec.settlesEach) this.wake?.();
  }

  /**
   * How much longer the queued messages wait for more (lingerMs, from the first of them), 0 once the batch is full
   * or the worker stops, and 0 when the first of them came after a quiet spell: no batch for quietSpells × lingerMs.
   * Such a message is most likely alone, and waiting only delays it; a busy consumer still gathers its messages.
   */
  private lingerLeftMs(): number {
    const { lingerMs, batchSize } = this.deps.spec;
    if (lingerMs === 0 || this.stopping || this.queue.length === 0 || this.queue.length >= batchSize) return 0;
    if (this.firstQueuedAt - this.lastHandedOverAt >= quietSpells * lingerMs) return 0;
    return this.firstQueuedAt + lingerMs - performance.now();
  }

  private async processSafely(batch: JsMsg[]): Promise<void> {
    try {
      await this.process(batch);
    } catch (err) {
      // Every handler outcome is handled inside process(); this is a bug in the worker itself. Keep consuming and
      // let the messages come back (a nak after an ack is ignored).
      this.deps.logger.error({ err, durable: this.durable }, 'consumer worker failed on a batch');
      for (const message of batch) this.retryLater(message, this.deps.spec.backoff.baseMs);
    }
  }

  private async process(batch: readonly JsMsg[]): Promise<void> {
    this.handling.add(batch);
    const counted = this.deps.spec.settlesEach;
    if (counted) for (const message of batch) this.unsettled.add(message);
    try {
      const batched = this.deps.invoker.hasHandler(batchPattern(this.durable));
      const deliveries: Delivery[] = [];
      for (const message of batch) {
        const delivery = await this.accept(message, batched);
        if (delivery) deliveries.push(delivery);
        else if (counted) this.unsettled.delete(message);
      }
      if (batched) await this.handleBatch(deliveries);
      else for (const delivery of deliveries) await this.handleOne(delivery);
    } finally {
      this.handling.delete(batch);
      if (counted) for (const message of batch) this.unsettled.delete(message);
    }
  }

  /** Decodes a message for the handlers, or settles it right away (no handler, undecodable, out of deliveries). */
  private async accept(message: JsMsg, batched: boolean): Promise<Delivery | undefined> {
    const { spec, registry } = this.deps;
    if (message.info.deliveryCount > spec.maxDeliver) {
      const error = new Error(
        `delivered ${message.info.deliveryCount} times without a verdict (the handler timed out or its process died)`,
      );
      await this.deadLetter(message, error, undefined, headerType(message));
      return undefined;
    }
    // The type header is read only where it decides something: parsing a message's headers was 1.3-2 % of the CPU
    // of a consumer that decodes every message anyway.
    const type = !batched || spec.eventTypes !== undefined ? headerType(message) : undefined;
    if (batched) {
      // Leave undecoded what the batch handler does not read; it is acknowledged with the batch.
      if (type !== undefined && spec.eventTypes !== undefined && !spec.eventTypes.has(type)) return { message, event: undefined };
      if (spec.readsSubject !== undefined && !spec.readsSubject(message.subject)) return { message, event: undefined };
    } else if (type !== undefined && this.patternFor(type) === undefined) {
      // Skip what no handler wants without parsing it.
      message.ack();
      return undefined;
    }
    try {
      return { message, event: decodeStoredEvent(registry, message.data, message.seq) };
    } catch (err) {
      const known = type ?? headerType(message);
      if (err instanceof EnvelopeDecodeError && err.retryable) await this.fail(message, err, undefined, known);
      else await this.deadLetter(message, err, undefined, known);
      return undefined;
    }
  }

  /**
   * Hands the batch's events to the batch handler, even when every message was left undecoded: the handler still
   * learns the batch's highest sequence (a projection moves its checkpoint).
   */
  private async handleBatch(deliveries: readonly Delivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    const events = deliveries.flatMap((d) => (d.event ? [d.event] : []));
    const settledEarly = new Set<JsMsg>();
    // With settlesEach, what the handler does not read is acknowledged at once: it would otherwise hold a place among
    // the messages in flight for as long as the batch's slowest event (another replica's share, half of each batch).
    if (this.deps.spec.settlesEach) {
      for (const { message, event } of deliveries) {
        if (event) continue;
        settledEarly.add(message);
        this.release(message);
        message.ack();
      }
    }
    try {
      await this.invoke(batchPattern(this.durable), events, deliveries, this.settlerOf(deliveries, settledEarly));
    } catch (err) {
      const rest = deliveries.filter((d) => !settledEarly.has(d.message));
      if (rest.length === 0) {
        this.deps.logger.warn({ err, durable: this.durable, events: deliveries.length }, 'batch handler failed after settling every event of its batch');
        return;
      }
      if (rest.length === 1) {
        const { message, event } = rest[0]!;
        await this.fail(message, err, event, event?.type ?? headerType(message));
        return;
      }
      // Find the events that fail: retry each alone, so one bad event does not hold back (or dead-letter) the rest.
      this.deps.logger.warn({ err, durable: this.durable, events: rest.length }, 'batch handler failed; retrying its events one at a time');
      for (const delivery of rest) await this.handleBatch([delivery]);
      return;
    }
    for (const { message } of deliveries) if (!settledEarly.has(message)) message.ack();
    const handled = settledEarly.size === 0 ? events : deliveries.flatMap((d) => (d.event && !settledEarly.has(d.message) ? [d.event] : []));
    for (const [type, count] of countByType(handled)) this.deps.metrics?.eventsHandled(this.durable, type, count);
  }

  /** What JetStreamContext.settle does for the batch: settles an event's message at once, and notes it in `settled`. */
  private settlerOf(deliveries: readonly Delivery[], settled: Set<JsMsg>): SettleEvent {
    return (event, error) => {
      const message = deliveries.find((d) => d.event === event)?.message;
      if (!message || settled.has(message)) return;
      settled.add(message);
      this.release(message);
      if (error === undefined) {
        message.ack();
        this.deps.metrics?.eventsHandled(this.durable, event.type, 1);
        return;
      }
      this.fail(message, error, event, event.type).catch((err: unknown) =>
        this.deps.logger.error({ err, durable: this.durable, seq: message.seq }, 'could not send a failed event back'),
      );
    };
  }

  private async handleOne(delivery: Delivery): Promise<void> {
    const { event, message } = delivery;
    // Only batch handlers leave messages undecoded.
    if (!event) throw new Error(`consumer ${this.durable}: message ${message.seq} was not decoded for its handler`);
    const pattern = this.patternFor(event.type);
    if (pattern === undefined) {
      message.ack();
      return;
    }
    try {
      await this.invoke(pattern, event, [delivery]);
    } catch (err) {
      await this.fail(message, err, event, event.type);
      return;
    }
    message.ack();
    this.deps.metrics?.eventsHandled(this.durable, event.type, 1);
  }

  private async invoke(pattern: string, data: unknown, deliveries: readonly Delivery[], settle?: SettleEvent): Promise<void> {
    const context = new JetStreamContext([deliveries.map((d) => d.message), this.durable, settle]);
    const started = performance.now();
    try {
      await this.deps.invoker.invoke(pattern, data, context);
    } finally {
      this.deps.metrics?.observeHandler(this.durable, pattern, (performance.now() - started) / 1000);
    }
  }

  /** A handler failed on this delivery: retry later with backoff, or dead-letter on the last allowed delivery. */
  private async fail(message: JsMsg, err: unknown, event: StoredEvent | undefined, type: string | undefined) {
    const { spec, logger, metrics } = this.deps;
    metrics?.eventFailed(this.durable, type ?? 'unknown');
    const deliveryCount = message.info.deliveryCount;
    if (deliveryCount >= spec.maxDeliver) {
      await this.deadLetter(message, err, event, type);
      return;
    }
    const delayMs = retryDelayMs(deliveryCount, spec.backoff);
    logger.warn(
      { err, durable: this.durable, seq: message.seq, subject: message.subject, deliveryCount, retryInMs: delayMs, ...eventIds(event) },
      'handler failed; will retry',
    );
    this.retryLater(message, delayMs);
  }

  /** Sends a message back for a redelivery after `delayMs`; until then only the server knows what is pending. */
  private retryLater(message: JsMsg, delayMs: number): void {
    this.lastRetryAt = performance.now();
    // No keep-alive for it from now on: a progress note would restart the ack wait and put off the retry.
    this.aliveAt.delete(message);
    message.nak(delayMs);
  }

  /** Publishes the message with its error to the dead-letter subject, then terminates the original. */
  private async deadLetter(message: JsMsg, err: unknown, event: StoredEvent | undefined, type: string | undefined) {
    const { js, logger, metrics, spec } = this.deps;
    if (type === DeadLettered.type) {
      // A consumer that reads dead letters and fails on one: give up without a dead letter of the dead letter, which
      // could go on forever.
      message.term();
      metrics?.eventDeadLettered(this.durable, type);
      logger.error({ err, durable: this.durable, seq: message.seq }, 'gave up on a dead letter; terminated it');
      return;
    }
    const envelope = deadLetterEnvelope({
      message,
      durable: this.durable,
      subject: this.deps.deadLetterSubject,
      error: err,
      original: event,
      time: this.deps.now().toISOString(),
    });
    const h = headers();
    h.set(eventTypeHeader, DeadLettered.type);
    try {
      await js.publish(envelope.subject, encodeEnvelope(envelope), { msgID: envelope.id, headers: h });
    } catch (publishErr) {
      // Keep the message rather than lose it: it comes back after the longest backoff (unless the server's own
      // delivery limit is reached, in which case it stays in the stream and the server emits a MAX_DELIVERIES advisory).
      logger.error({ err: publishErr, durable: this.durable, seq: message.seq }, 'could not publish a dead letter');
      this.retryLater(message, spec.backoff.maxMs);
      return;
    }
    // No reason text: server 2.9 only knows a bare `+TERM` and silently ignores `+TERM <reason>`.
    message.term();
    metrics?.eventDeadLettered(this.durable, type ?? 'unknown');
    logger.error(
      {
        err,
        durable: this.durable,
        seq: message.seq,
        subject: message.subject,
        deliveryCount: message.info.deliveryCount,
        deadLetter: envelope.subject,
        ...eventIds(event),
      },
      'gave up on a message; dead-lettered it',
    );
  }

  private patternFor(type: string): string | undefined {
    const scoped = eventPattern(this.durable, type);
    if (this.deps.invoker.hasHandler(scoped)) return scoped;
    return this.deps.invoker.hasHandler(type) ? type : undefined;
  }

  /**
   * Tells the server that the messages held here for a while (queued behind other batches, or in a batch being
   * handled) are still being worked on, so that none is delivered again while it waits. Only those held for a keep-alive
   * interval are named: most are settled sooner. A message of a killed process is delivered again after the ack wait.
   */
  private keepAlive(): void {
    const now = performance.now();
    const due = now - keepAliveIntervalMs(this.deps.spec.ackWaitMs);
    const touch = (message: JsMsg): void => {
      const at = this.aliveAt.get(message);
      if (at === undefined || at > due) return;
      message.working();
      this.aliveAt.set(message, now);
    };
    for (const message of this.queue) touch(message);
    for (const batch of this.handling) for (const message of batch) touch(message);
  }

  private async pendingForMetrics(): Promise<number | undefined> {
    try {
      return await this.pending();
    } catch (err) {
      this.deps.logger.debug({ err, durable: this.durable }, 'could not read consumer info');
      return undefined;
    }
  }
}

const pullFailures: ReadonlySet<string> = new Set(['heartbeats_missed', 'consumer_not_found', 'stream_not_found', 'consumer_deleted', 'no_responders']);

function headerType(message: JsMsg): string | undefined {
  return message.headers?.get(eventTypeHeader) || undefined;
}

/** What a log line about an event says of it, to be found with the rest of its chain. */
function eventIds(event: StoredEvent | undefined): { correlationId?: string; causationId?: string; eventId?: string } {
  return event ? { correlationId: event.correlationId, causationId: event.causationId, eventId: event.id } : {};
}

function countByType(events: readonly StoredEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const event of events) counts.set(event.type, (counts.get(event.type) ?? 0) + 1);
  return counts;
}

/**
 * How often held messages are looked at for a keep-alive, and how long one is held before it gets one: a quarter of
 * the ack wait, so the server hears of a waiting message at least every half of it.
 */
function keepAliveIntervalMs(ackWaitMs: number): number {
  return Math.max(50, Math.floor(ackWaitMs / 4));
}
