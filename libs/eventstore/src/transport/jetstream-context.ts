import { BaseRpcContext } from '@nestjs/microservices';
import type { JsMsg } from '@nats-io/jetstream';
import type { StoredEvent } from '../stored-event.js';

/** Settles the message of one event of a batch before its handler returns: acknowledged, or failed with `error`. */
export type SettleEvent = (event: StoredEvent, error?: unknown) => void;

/**
 * The context handlers get with `@Ctx()`: the durable and the JetStream message(s) being handled (one, or the batch
 * for batch handlers).
 */
export class JetStreamContext extends BaseRpcContext<[readonly JsMsg[], string, SettleEvent?]> {
  getDurable(): string {
    return this.args[1];
  }

  getMessages(): readonly JsMsg[] {
    return this.args[0];
  }

  /** The (first) message. */
  getMessage(): JsMsg {
    return this.args[0][0]!;
  }

  /**
   * The highest stream sequence of the messages handled, including those a batch handler got no event for
   * (ConsumerSpec.eventTypes): how far a checkpoint may move once the batch is done.
   */
  getHighWaterSeq(): number {
    return this.args[0].reduce((max, message) => Math.max(max, message.seq), 0);
  }

  /**
   * For a batch handler: one event of the batch is done, before the rest (ConsumerSpec.settlesEach). Its message is
   * acknowledged now, or with an error sent back for a retry (dead-lettered on its last delivery) as if the handler
   * had failed on it alone; what the handler then returns or throws only applies to the events it did not settle.
   * Settling an event again, or one not in the batch, does nothing.
   */
  settle(event: StoredEvent, error?: unknown): void {
    const settle = this.args[2];
    if (!settle) throw new Error(`consumer ${this.getDurable()}: only a batch handler settles events one by one`);
    settle(event, error);
  }

  /** Stream sequence of the (first) message. */
  getSeq(): number {
    return this.getMessage().seq;
  }

  getSubject(): string {
    return this.getMessage().subject;
  }

  /** How often the (first) message has been delivered, this delivery included. */
  getDeliveryCount(): number {
    return this.getMessage().info.deliveryCount;
  }
}
