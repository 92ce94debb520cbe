import { DeliverPolicy, jetstream, type ConsumerMessages } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Envelope } from '@karmada-ts/contracts';
import type { LoggedEvent } from './stage-timeline.js';

/** A live reader of a whole stream; `failure` is set when a message could not be read. */
export interface StreamFollower {
  failure(): Error | undefined;
  stop(): Promise<void>;
}

/**
 * Hands every event of `stream`, from its first, to `onEvent` in stream order with its storage timestamp, and keeps
 * following new ones until stopped: one ordered consumer over all subjects.
 */
export async function followStream(nc: NatsConnection, stream: string, onEvent: (event: LoggedEvent) => void): Promise<StreamFollower> {
  const consumer = await jetstream(nc).consumers.get(stream, { deliver_policy: DeliverPolicy.All });
  const messages: ConsumerMessages = await consumer.consume({ max_messages: 1_000 });
  let failure: Error | undefined;
  const done = (async () => {
    try {
      for await (const message of messages) {
        onEvent({ seq: message.seq, storedAtMs: Number(message.timestampNanos / 1_000_000n), envelope: message.json<Envelope>() });
      }
    } catch (error) {
      failure = new Error(`reading stream ${stream}: ${(error as Error).message}`);
    }
  })();
  let stopped: Promise<void> | undefined;
  return {
    failure: () => failure,
    // Idempotent: a scenario may stop following early, and the stack stops every follower it handed out.
    stop: () => (stopped ??= messages.close().then(() => done)),
  };
}
