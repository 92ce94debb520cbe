import { aggregates, DeadLettered, WorkDeletionRequested, WorkRendered, type DeadLetteredData } from '@karmada-ts/contracts';
import { readStreamEvents } from './stream-events.js';

/** What the event log says about the Works' history and about failed messages: signs of lost or doubled work. */
export interface WorkLog {
  /** How many events of each type the `work` subjects hold. */
  readonly eventCounts: ReadonlyMap<string, number>;
  /** Ids of WorkRendered events stored more than once (a retried append that deduplication missed). */
  readonly repeatedRenderIds: readonly string[];
  /** `<namespace>/<name>` of Works rendered again with nothing changed (a handler that ran twice and appended twice). */
  readonly unchangedRerenders: readonly string[];
  /** `<namespace>/<name>` of Works whose deletion was requested. */
  readonly deletedWorks: readonly string[];
  /** Every dead letter, described: which consumer gave up on what, and why. */
  readonly deadLetters: readonly string[];
}

/** Reads the `work` and dead-letter events of the instance's stream from sequence `fromSeq` on. */
export async function readWorkLog(instance: string, natsUrl: string, fromSeq = 1): Promise<WorkLog> {
  const lastRendered = new Map<string, string>();
  const eventCounts = new Map<string, number>();
  const renderIds = new Map<string, number>();
  const unchangedRerenders: string[] = [];
  const deletedWorks: string[] = [];
  for (const event of await readStreamEvents(natsUrl, instance, `${aggregates.work}.>`, fromSeq)) {
    eventCounts.set(event.type, (eventCounts.get(event.type) ?? 0) + 1);
    if (event.type === WorkRendered.type) {
      const key = workKey(event.data);
      renderIds.set(event.id, (renderIds.get(event.id) ?? 0) + 1);
      const rendered = JSON.stringify(event.data);
      if (lastRendered.get(key) === rendered) unchangedRerenders.push(key);
      lastRendered.set(key, rendered);
    } else if (event.type === WorkDeletionRequested.type) {
      const key = workKey(event.data);
      deletedWorks.push(key);
      lastRendered.delete(key);
    }
  }
  const deadLetters = (await readStreamEvents(natsUrl, instance, `${aggregates.deadLetter}.>`, fromSeq))
    .filter((event) => event.type === DeadLettered.type)
    .map((event) => {
      const data = event.data as unknown as DeadLetteredData;
      return `${data.durable} gave up on ${data.subject} (seq ${data.streamSeq}, ${data.deliveryCount} deliveries): ${data.error.message}`;
    });
  return {
    eventCounts,
    repeatedRenderIds: [...renderIds].filter(([, count]) => count > 1).map(([id]) => id),
    unchangedRerenders,
    deletedWorks,
    deadLetters,
  };
}

/** `<namespace>/<name>` of the Work a WorkRendered or WorkDeletionRequested carries. */
function workKey(data: Record<string, unknown>): string {
  const { namespace, name } = (data['work'] as { metadata: { namespace: string; name: string } }).metadata;
  return `${namespace}/${name}`;
}
