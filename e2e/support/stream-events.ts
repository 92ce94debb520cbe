import { coreEvents, propagationEventTypes, Subjects } from '@karmada-ts/contracts';
import { EventStore } from '@karmada-ts/eventstore';

/** An event as it sits in the stream: its type, subject, data and sequence. */
export interface StreamEvent {
  readonly seq: number;
  /** The envelope id, which is also the message id JetStream deduplicates by. */
  readonly id: string;
  readonly type: string;
  readonly subject: string;
  readonly data: Record<string, unknown>;
}

/**
 * Every event of the instance's stream on subjects matching `filter` (relative to the instance, e.g. `workstatus.>`),
 * from sequence `fromSeq` on, in stream order, as an audit tool reading NATS sees them.
 */
export async function readStreamEvents(natsUrl: string, instance: string, filter: string, fromSeq = 1): Promise<StreamEvent[]> {
  const subjects = new Subjects(instance);
  const store = await EventStore.connect({ servers: natsUrl }, { stream: subjects.stream, registry: coreEvents.with(propagationEventTypes) });
  try {
    const events: StreamEvent[] = [];
    for await (const event of store.replay(`${instance}.${filter}`, { fromSeq })) {
      events.push({ seq: event.seq, id: event.id, type: event.type, subject: event.subject, data: event.data as Record<string, unknown> });
    }
    return events;
  } finally {
    await store.close();
  }
}
