import type { FailoverBehavior, PurgeMode } from '../api/policy.js';
import { EvictionProducer, EvictionReason } from '../api/well-known.js';
import type { AggregatedStatusItem, AnyResourceBinding, ResourceBindingSpec } from '../api/work.js';
import { gracefullyEvictCluster } from './taint-eviction.js';

/** failover.application.decisionConditions.tolerationSeconds when the policy leaves it out (the CRD default). */
export const DefaultApplicationToleranceSeconds = 300;

/** Since when the workload has been Unhealthy in a target cluster: cluster name → RFC 3339 time. */
export type UnhealthySince = Readonly<Record<string, string>>;

export interface ApplicationFailoverInput {
  readonly kind: AnyResourceBinding['kind'];
  /** The binding spec with the scheduler's clusters and eviction tasks. */
  readonly spec: ResourceBindingSpec;
  /** The binding's aggregatedStatus: the workload's health per cluster. */
  readonly health: readonly AggregatedStatusItem[];
  /** What the previous decision recorded. */
  readonly unhealthySince: UnhealthySince;
  readonly now: string;
}

export interface ApplicationFailoverOutcome {
  /** The spec with the failed clusters evicted. */
  readonly spec: ResourceBindingSpec;
  readonly evicted: readonly string[];
  /** What to record for the next decision: the clusters still being watched. */
  readonly unhealthySince: UnhealthySince;
  /** When the earliest watched cluster runs out of tolerance. */
  readonly wakeAt?: string;
}

/**
 * Karmada's application failover controller for one binding with `failover.application`, as a pure function whose
 * memory (since when each cluster has been Unhealthy) is recorded with the decision instead of held in a process:
 * - a target cluster whose workload is Unhealthy, and that no eviction task names, is watched from the first time
 *   it is seen so; once tolerationSeconds have passed it is evicted (reason ApplicationFailure, the policy's
 *   purgeMode: gracePeriodSeconds for Gracefully, suppressDeletion for Never);
 * - Healthy ends the watch, and so does leaving the clusters; Unknown (status not collected) keeps it running
 *   without starting one, so a gap in status collection does not reset the tolerance.
 * A deadline counts as reached at the deadline itself: a timer wakes the scheduler exactly then. `now` is the time of
 * the causing event, so the watch of a status reported right after an apply starts at the time of the change that
 * caused the apply: a rollout counts from its start (Karmada counts from when its controller first saw it).
 */
export function decideApplicationFailover(input: ApplicationFailoverInput): ApplicationFailoverOutcome {
  const application = input.spec.failover?.application;
  if (!application) return { spec: input.spec, evicted: [], unhealthySince: {} };
  const toleranceMs = (application.decisionConditions?.tolerationSeconds ?? DefaultApplicationToleranceSeconds) * 1000;
  const nowMillis = Date.parse(input.now);
  const evicting = new Set((input.spec.gracefulEvictionTasks ?? []).map((task) => task.fromCluster));

  const watched: Record<string, string> = {};
  const failed: string[] = [];
  let wakeAt: number | undefined;
  for (const target of input.spec.clusters ?? []) {
    const health = input.health.find((item) => item.clusterName === target.name)?.health;
    const since = input.unhealthySince[target.name];
    if (health === 'Healthy' || evicting.has(target.name)) continue;
    if (health !== 'Unhealthy') {
      if (since !== undefined) watched[target.name] = since;
      continue;
    }
    const start = since ?? input.now;
    const deadline = Date.parse(start) + toleranceMs;
    if (deadline <= nowMillis) {
      failed.push(target.name);
      continue;
    }
    watched[target.name] = start;
    wakeAt = wakeAt === undefined ? deadline : Math.min(wakeAt, deadline);
  }

  let spec = input.spec;
  for (const cluster of failed) spec = evictForApplicationFailure(spec, cluster, input.kind, application);
  return { spec, evicted: failed, unhealthySince: watched, ...(wakeAt === undefined ? {} : { wakeAt: new Date(wakeAt).toISOString() }) };
}

/** Karmada's buildTaskOptions (without state preservation, an alpha gate that is off by default). */
function evictForApplicationFailure(
  spec: ResourceBindingSpec,
  cluster: string,
  kind: AnyResourceBinding['kind'],
  application: NonNullable<FailoverBehavior['application']>,
): ResourceBindingSpec {
  const purgeMode: PurgeMode = application.purgeMode ?? 'Gracefully';
  return gracefullyEvictCluster(spec, cluster, {
    purgeMode,
    reason: EvictionReason.ApplicationFailure,
    producer:
      kind === 'ResourceBinding' ? EvictionProducer.ResourceBindingApplicationFailover : EvictionProducer.ClusterResourceBindingApplicationFailover,
    ...(purgeMode === 'Gracefully' && application.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: application.gracePeriodSeconds } : {}),
    ...(purgeMode === 'Never' ? { suppressDeletion: true } : {}),
  });
}
