import { ClusterConditionType } from '../api/cluster.js';
import type { Placement } from '../api/policy.js';
import type { AggregatedStatusItem, ResourceBindingSpec, TargetCluster } from '../api/work.js';
import { isWorkloadBinding, replicaSchedulingTypeOf } from './binding-facts.js';
import type { ClusterSnapshot, ClusterView } from './cluster-snapshot.js';
import { compareNames } from './compare-names.js';
import { placementChanged } from './needs-scheduling.js';
import { findUntoleratedTaint } from './tolerations.js';

/**
 * Beyond Karmada (which leaves replicas where failover put them): what a binding with `failback.enabled` remembers
 * after the taint manager evicted it, so that its replicas can go back once the evicted clusters recover.
 */
export interface FailbackPlan {
  /** The clusters and replicas before the first eviction: where the replicas go back to. */
  readonly clusters: readonly TargetCluster[];
  /** The clusters the binding was evicted from; the return waits until each has recovered. */
  readonly evictedClusters: readonly string[];
  /** spec.replicas when the plan was made: a scaled binding is the scheduler's again. */
  readonly replicas: number;
  /** The applied placement when the plan was made: a changed placement is the scheduler's again. */
  readonly appliedPlacement?: string;
  /** Set once the return began: the original clusters were added back and the replacements kept. */
  readonly returningSince?: string;
}

/**
 * Failback applies to Divided workloads only: Karmada reschedules Duplicated bindings and non-workloads on every
 * look, so they come back to a recovered cluster by themselves, while Divided replicas stay where failover put them.
 */
export function failbackApplies(spec: ResourceBindingSpec): boolean {
  return spec.failback?.enabled === true && isWorkloadBinding(spec) && replicaSchedulingTypeOf(spec.placement) === 'Divided';
}

/**
 * The plan after NoExecute evictions: a new plan remembers `before` (the clusters before this eviction); a pending
 * plan adds the evicted clusters that are among its own and waits again, since one of them is failing anew.
 */
export function rememberPlacement(
  plan: FailbackPlan | undefined,
  before: readonly TargetCluster[],
  evicted: readonly string[],
  spec: ResourceBindingSpec,
  appliedPlacement: string | undefined,
): FailbackPlan | undefined {
  if (evicted.length === 0 || !failbackApplies(spec)) return plan;
  if (!plan) {
    return { clusters: before, evictedClusters: [...evicted], replicas: spec.replicas ?? 0, ...(appliedPlacement ? { appliedPlacement } : {}) };
  }
  const again = evicted.filter((name) => plan.clusters.some((target) => target.name === name));
  if (again.length === 0) return plan;
  const { returningSince: _returning, ...waiting } = plan;
  return { ...waiting, evictedClusters: [...new Set([...plan.evictedClusters, ...again])] };
}

export interface FailbackInput {
  readonly plan: FailbackPlan;
  /** The binding spec with the clusters and eviction tasks as decided so far. */
  readonly spec: ResourceBindingSpec;
  readonly clusters: ClusterSnapshot;
  readonly health: readonly AggregatedStatusItem[];
  readonly now: string;
  /** How long a return may wait for the original clusters to be healthy, in seconds. */
  readonly timeoutSeconds: number;
  /** The clusterAffinities term the scheduler observes (status.schedulerObservingAffinityName). */
  readonly observedAffinityName?: string;
}

/**
 * Where a failback stands after a decision:
 * - Waiting: an evicted cluster has not recovered yet, or its eviction task is still in force;
 * - Started: every evicted cluster is back — the original clusters join again, each with at least its original
 *   replicas, while every replacement keeps what it runs (make before break);
 * - Returning: waiting for every original cluster's workload to be Healthy, or the timeout;
 * - Completed: the clusters are the original ones again; the replacements' extra replicas go;
 * - Abandoned: the binding no longer asks for failback, was scaled, its placement changed, or a cluster it needs
 *   is gone — the scheduler's rules alone apply from here.
 */
export interface FailbackOutcome {
  readonly state: 'Waiting' | 'Started' | 'Returning' | 'Completed' | 'Abandoned';
  /** The binding's clusters after the step. */
  readonly clusters: readonly TargetCluster[];
  /** The plan still in force; absent once Completed or Abandoned. */
  readonly plan?: FailbackPlan;
  /** When the return gives up waiting for health. */
  readonly wakeAt?: string;
}

/** One step of a failback plan (see FailbackOutcome). A deadline counts as reached at the deadline itself. */
export function decideFailback(input: FailbackInput): FailbackOutcome {
  const { plan, spec, now } = input;
  const current = spec.clusters ?? [];
  if (abandoned(input)) return { state: 'Abandoned', clusters: current };

  if (plan.returningSince === undefined) {
    const evicting = new Set((spec.gracefulEvictionTasks ?? []).map((task) => task.fromCluster));
    const tolerations = spec.placement?.clusterTolerations ?? [];
    const back = plan.evictedClusters.every((name) => !evicting.has(name) && recovered(input.clusters.byName.get(name), tolerations));
    if (!back) return { state: 'Waiting', plan, clusters: current };
    return {
      state: 'Started',
      plan: { ...plan, returningSince: now },
      clusters: withOriginalClusters(current, plan.clusters),
      wakeAt: timeoutOf(now, input.timeoutSeconds),
    };
  }

  const deadline = timeoutOf(plan.returningSince, input.timeoutSeconds);
  const healthy = plan.clusters.every((target) => input.health.find((item) => item.clusterName === target.name)?.health === 'Healthy');
  if (healthy || Date.parse(deadline) <= Date.parse(now)) return { state: 'Completed', clusters: plan.clusters };
  return { state: 'Returning', plan, clusters: current, wakeAt: deadline };
}

function abandoned({ plan, spec, clusters, observedAffinityName }: FailbackInput): boolean {
  if (!failbackApplies(spec) || (spec.replicas ?? 0) !== plan.replicas) return true;
  if (placementChanged(spec.placement ?? {}, plan.appliedPlacement, observedAffinityName)) return true;
  const needed = [...plan.clusters, ...(spec.clusters ?? [])];
  return needed.some((target) => {
    const view = clusters.byName.get(target.name);
    return !view || view.deleting;
  });
}

/**
 * A recovered cluster: Ready, no NoExecute taint at all (it would only evict again), and every NoSchedule taint
 * tolerated, as the TaintToleration filter would ask of a new cluster.
 */
function recovered(view: ClusterView | undefined, tolerations: NonNullable<Placement['clusterTolerations']>): boolean {
  if (!view || view.deleting) return false;
  const ready = view.cluster.status?.conditions?.find((condition) => condition.type === ClusterConditionType.Ready);
  if (ready?.status !== 'True') return false;
  if (view.schedulingTaints.some((taint) => taint.effect === 'NoExecute')) return false;
  return findUntoleratedTaint(view.schedulingTaints, tolerations) === undefined;
}

/** The current clusters with every original one added back: each gets the larger of its two replica counts. */
function withOriginalClusters(current: readonly TargetCluster[], original: readonly TargetCluster[]): TargetCluster[] {
  const merged = new Map(current.map((target) => [target.name, target]));
  for (const target of original) {
    const present = merged.get(target.name);
    merged.set(target.name, { name: target.name, replicas: Math.max(present?.replicas ?? 0, target.replicas ?? 0) });
  }
  return [...merged.values()].sort((a, b) => compareNames(a.name, b.name));
}

function timeoutOf(since: string, seconds: number): string {
  return new Date(Date.parse(since) + seconds * 1000).toISOString();
}
