import type { EventRegistry } from '@karmada-ts/contracts';
import { decodeStoredEvent, type StoredEvent } from '@karmada-ts/eventstore';
import { DeliverPolicy, type ConsumerMessages, type JetStreamClient } from '@nats-io/jetstream';

/** The live tail of a stream: decoded events matching one filter, in stream order, from a sequence on. */
export interface StreamFollower extends AsyncIterable<StoredEvent> {
  close(): Promise<void>;
}

/**
 * Follows `filterSubject` from `fromSeq` with an ordered consumer (ephemeral: deleted on close, and the server removes
 * it when this process goes away) and keeps following until closed. Undecodable messages are reported and skipped:
 * they are not API events (the durable consumers dead-letter them).
 */
export async function followStream(
  js: JetStreamClient,
  options: { stream: string; filterSubject: string; fromSeq: number; registry: EventRegistry; onUndecodable: (seq: number, error: unknown) => void },
): Promise<StreamFollower> {
  const consumer = await js.consumers.get(options.stream, {
    filter_subjects: options.filterSubject,
    ...(options.fromSeq > 1 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: options.fromSeq } : { deliver_policy: DeliverPolicy.All }),
  });
  const messages: ConsumerMessages = await consumer.consume({ max_messages: 256 });
  return {
    async close() {
      await messages.close();
      // The server would keep an idle ordered consumer for minutes; a closed watch's is of no use to anyone.
      await consumer.delete().catch(() => undefined);
    },
    async *[Symbol.asyncIterator]() {
      for await (const message of messages) {
        let event: StoredEvent;
        try {
          event = decodeStoredEvent(options.registry, message.data, message.seq);
        } catch (error) {
          options.onUndecodable(message.seq, error);
          continue;
        }
        yield event;
      }
    },
  };
}
