import { BaseRpcContext } from '@nestjs/microservices';
import type { JsMsg } from '@nats-io/jetstream';

/**
 * The context handlers get with `@Ctx()`: the durable and the JetStream message(s) being handled (one, or the batch
 * for batch handlers).
 */
export class JetStreamContext extends BaseRpcContext<[readonly JsMsg[], string]> {
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
