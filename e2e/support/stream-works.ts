import {
  coreEvents,
  propagationEventTypes,
  Subjects,
  WorkDeletionRequested,
  WorkRendered,
  type WorkRenderedData,
} from '@karmada-ts/contracts';
import { EventStore, type StoredEvent } from '@karmada-ts/eventstore';

/** A Work as the event log has it: the newest WorkRendered of a `work` subject no WorkDeletionRequested followed. */
export interface LoggedWork {
  readonly namespace: string;
  readonly name: string;
  readonly cluster: string;
  /** `<namespace>/<name>` of the owning binding; undefined for Works no binding owns (auto-propagated Namespaces). */
  readonly binding: string | undefined;
  readonly manifest: Record<string, unknown>;
}

/** What the log says about Works and failed messages: the state the gateway's Work list must match, and more. */
export interface WorkLog {
  /** Live Works by `<namespace>/<name>`. */
  readonly works: ReadonlyMap<string, LoggedWork>;
  /** How many events of each type the `work` subjects hold. */
  readonly eventCounts: ReadonlyMap<string, number>;
  /** Envelope (and message) ids of WorkRendered events stored more than once. */
  readonly repeatedRenderIds: readonly string[];
  /** Every DeadLettered event of the instance. */
  readonly deadLetters: readonly StoredEvent[];
}

/** Reads every `work` and dead-letter event of the instance's stream. */
export async function readWorkLog(instance: string, natsUrl: string): Promise<WorkLog> {
  const subjects = new Subjects(instance);
  const store = await EventStore.connect({ servers: natsUrl }, { stream: subjects.stream, registry: coreEvents.with(propagationEventTypes) });
  try {
    const works = new Map<string, LoggedWork>();
    const eventCounts = new Map<string, number>();
    const renderIds = new Map<string, number>();
    for await (const event of store.replay(subjects.aggregateFilter('work'))) {
      eventCounts.set(event.type, (eventCounts.get(event.type) ?? 0) + 1);
      if (event.type === WorkRendered.type) {
        const data = event.data as WorkRenderedData;
        const metadata = data.work.metadata as { namespace: string; name: string };
        const key = `${metadata.namespace}/${metadata.name}`;
        renderIds.set(event.id, (renderIds.get(event.id) ?? 0) + 1);
        works.set(key, {
          namespace: metadata.namespace,
          name: metadata.name,
          cluster: data.cluster,
          binding: data.binding ? `${data.binding.namespace ?? ''}/${data.binding.name}` : undefined,
          manifest: (data.work.spec as { workload: { manifests: Record<string, unknown>[] } }).workload.manifests[0]!,
        });
      } else if (event.type === WorkDeletionRequested.type) {
        const metadata = (event.data as WorkRenderedData).work.metadata as { namespace: string; name: string };
        works.delete(`${metadata.namespace}/${metadata.name}`);
      }
    }
    const deadLetters: StoredEvent[] = [];
    for await (const event of store.replay(subjects.deadLetterFilter())) deadLetters.push(event);
    return {
      works,
      eventCounts,
      repeatedRenderIds: [...renderIds].filter(([, count]) => count > 1).map(([id]) => id),
      deadLetters,
    };
  } finally {
    await store.close();
  }
}
