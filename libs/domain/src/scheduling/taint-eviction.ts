import type { Taint, Toleration } from '../api/meta.js';
import type { FailoverBehavior, Placement, PurgeMode } from '../api/policy.js';
import { EvictionProducer, EvictionReason } from '../api/well-known.js';
import type { GracefulEvictionTask, ResourceBindingSpec } from '../api/work.js';
import { toleratesTaint } from './tolerations.js';

/**
 * What the NoExecute taint manager does with a binding on a tainted cluster:
 * Evict now; RecheckAt the moment the shortest toleration runs out; or Keep it (no NoExecute taint, every taint
 * tolerated without a time limit, or no applied placement to read tolerations from — Karmada errors and never
 * evicts in that last case).
 */
export type TaintEvictionDecision =
  | { readonly action: 'Evict' }
  | { readonly action: 'RecheckAt'; readonly at: string }
  | { readonly action: 'Keep'; readonly reason: 'NoExecuteTaintsAbsent' | 'ToleratedForever' | 'NoAppliedPlacement' };

/**
 * Karmada's needEviction for one cluster and one binding: `taints` are the cluster's spec.taints, `appliedPlacement`
 * the binding's applied-placement annotation (parsed), `now` an RFC 3339 time.
 * A NoExecute taint no toleration tolerates → Evict. Otherwise each toleration used that has tolerationSeconds gives
 * a deadline timeAdded + tolerationSeconds for every taint it tolerates; the earliest one decides (passed → Evict).
 */
export function decideTaintEviction(taints: readonly Taint[] | undefined, appliedPlacement: Placement | undefined, now: string): TaintEvictionDecision {
  const noExecute = (taints ?? []).filter((taint) => taint.effect === 'NoExecute');
  if (noExecute.length === 0) return { action: 'Keep', reason: 'NoExecuteTaintsAbsent' };
  if (!appliedPlacement) return { action: 'Keep', reason: 'NoAppliedPlacement' };

  const used = matchingTolerations(noExecute, appliedPlacement.clusterTolerations ?? []);
  if (!used) return { action: 'Evict' };
  const deadline = earliestDeadline(noExecute, used);
  if (deadline === undefined) return { action: 'Keep', reason: 'ToleratedForever' };
  return deadline <= Date.parse(now) ? { action: 'Evict' } : { action: 'RecheckAt', at: formatTime(deadline) };
}

/** For every taint the first toleration that tolerates it; undefined when some taint is not tolerated. */
function matchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[]): Toleration[] | undefined {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const toleration = tolerations.find((candidate) => toleratesTaint(candidate, taint));
    if (!toleration) return undefined;
    used.push(toleration);
  }
  return used;
}

/** Epoch milliseconds of the earliest deadline, or undefined when nothing expires (taints without timeAdded never do). */
function earliestDeadline(taints: readonly Taint[], used: readonly Toleration[]): number | undefined {
  let earliest: number | undefined;
  for (const toleration of used) {
    if (toleration.tolerationSeconds === undefined) continue;
    for (const taint of taints) {
      if (!taint.timeAdded || !toleratesTaint(toleration, taint)) continue;
      const deadline = Date.parse(taint.timeAdded) + toleration.tolerationSeconds * 1000;
      if (earliest === undefined || deadline < earliest) earliest = deadline;
    }
  }
  return earliest;
}

/** RFC 3339 in UTC, without a fraction when the time is a whole second (the form Kubernetes writes). */
function formatTime(epochMillis: number): string {
  return new Date(epochMillis).toISOString().replace('.000Z', 'Z');
}

/**
 * The purge mode of a taint eviction: failover.cluster.purgeMode (Gracefully when left empty) if the binding has a
 * cluster failover behaviour, else the taint manager's --no-execute-taint-eviction-purge-mode (Gracefully unless
 * Directly).
 */
export function taintEvictionPurgeMode(failover: FailoverBehavior | undefined, defaultPurgeMode: PurgeMode = 'Gracefully'): PurgeMode {
  if (failover?.cluster) return failover.cluster.purgeMode || 'Gracefully';
  return defaultPurgeMode === 'Directly' ? 'Directly' : 'Gracefully';
}

export interface EvictionTaskOptions {
  readonly purgeMode: PurgeMode;
  readonly reason: string;
  readonly producer: string;
  readonly message?: string;
  readonly gracePeriodSeconds?: number;
  readonly suppressDeletion?: boolean;
  readonly preservedLabelState?: Record<string, string>;
  readonly clustersBeforeFailover?: string[];
}

/**
 * Karmada's GracefulEvictCluster: the cluster leaves spec.clusters and a graceful eviction task remembers it (with
 * its replicas, if any) unless one already does. A cluster not in spec.clusters leaves the spec as it was.
 * Returns a new spec; creationTimestamp is stamped later by the graceful-eviction controller.
 */
export function gracefullyEvictCluster(spec: ResourceBindingSpec, clusterName: string, options: EvictionTaskOptions): ResourceBindingSpec {
  const clusters = spec.clusters ?? [];
  const index = clusters.findIndex((cluster) => cluster.name === clusterName);
  if (index < 0) return spec;
  const evicted = clusters[index]!;
  const remaining = [...clusters.slice(0, index), ...clusters.slice(index + 1)];
  const tasks = spec.gracefulEvictionTasks ?? [];
  if (tasks.some((task) => task.fromCluster === clusterName)) return { ...spec, clusters: remaining };

  const task: GracefulEvictionTask = {
    fromCluster: clusterName,
    purgeMode: options.purgeMode,
    reason: options.reason,
    producer: options.producer,
    ...((evicted.replicas ?? 0) > 0 ? { replicas: evicted.replicas } : {}),
    ...definedOnly({
      message: options.message,
      gracePeriodSeconds: options.gracePeriodSeconds,
      suppressDeletion: options.suppressDeletion,
      preservedLabelState: options.preservedLabelState,
      clustersBeforeFailover: options.clustersBeforeFailover,
    }),
  };
  return { ...spec, clusters: remaining, gracefulEvictionTasks: [...tasks, task] };
}

/** The taint manager's eviction: reason TaintUntolerated, producer TaintManager, purge mode per taintEvictionPurgeMode. */
export function evictForUntoleratedTaint(
  spec: ResourceBindingSpec,
  clusterName: string,
  defaultPurgeMode: PurgeMode = 'Gracefully',
  preservedLabelState?: Record<string, string>,
): ResourceBindingSpec {
  return gracefullyEvictCluster(spec, clusterName, {
    purgeMode: taintEvictionPurgeMode(spec.failover, defaultPurgeMode),
    reason: EvictionReason.TaintUntolerated,
    producer: EvictionProducer.TaintManager,
    ...(preservedLabelState ? { preservedLabelState } : {}),
  });
}

function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
