import type { ResourceBindingSpec } from '../api/work.js';
import type { ClusterView } from './cluster-snapshot.js';
import { compareNames } from './compare-names.js';
import type { SchedulingContext } from './framework.js';
import { maxAvailableReplicas, type ReplicaRequest } from './general-estimator.js';
import { MAX_INT32 } from './safe-integer.js';

/** A cluster that passed the filters, with what selection and assignment need to know (Karmada's ClusterDetailInfo). */
export interface CandidateCluster {
  readonly name: string;
  readonly view: ClusterView;
  /** Sum of the score plugins. */
  readonly score: number;
  /** 0 for the affinity itself, i for its i-th overflow affinity, 1000 for a cluster matching neither. */
  readonly overflowOrder: number;
  /** What the estimator says still fits, plus the replicas the binding already has there. */
  readonly availableReplicas: number;
  /** What the estimator says still fits. */
  readonly allocatableReplicas: number;
}

const UNMATCHED_OVERFLOW_ORDER = 1000;

/**
 * Candidates in Karmada's order: overflow tier, then score (high first), available replicas (high first), name.
 * Within one snapshot positions order names, so strings are only compared across snapshots.
 */
export function compareCandidates(a: CandidateCluster, b: CandidateCluster): number {
  return (
    a.overflowOrder - b.overflowOrder ||
    b.score - a.score ||
    b.availableReplicas - a.availableReplicas ||
    a.view.index - b.view.index ||
    compareNames(a.name, b.name)
  );
}

export function buildCandidates(
  scored: readonly { readonly view: ClusterView; readonly score: number }[],
  context: SchedulingContext,
  request: ReplicaRequest | undefined,
): CandidateCluster[] {
  const candidates = scored.map(({ view, score }): CandidateCluster => {
    const allocatable = estimatedReplicas(view, context.spec, request);
    return {
      name: view.name,
      view,
      score,
      overflowOrder: overflowOrderOf(context, view),
      availableReplicas: allocatable + (context.scheduled.get(view.name) ?? 0),
      allocatableReplicas: allocatable,
    };
  });
  return candidates.sort(compareCandidates);
}

/**
 * Karmada skips estimation for bindings without replicas (the bound stays MaxInt32); a workload gets the estimate, and
 * an estimate still at MaxInt32 (unbounded) becomes spec.replicas.
 */
function estimatedReplicas(view: ClusterView, spec: ResourceBindingSpec, request: ReplicaRequest | undefined): number {
  const replicas = spec.replicas ?? 0;
  if (replicas === 0) return MAX_INT32;
  const estimate = maxAvailableReplicas(view.capacity, request);
  return estimate === MAX_INT32 ? replicas : estimate;
}

function overflowOrderOf(context: SchedulingContext, view: ClusterView): number {
  const affinity = context.affinity;
  if (affinity?.termName === undefined) return 0;
  const tier = affinity.tiers.findIndex((matches) => matches(view));
  return tier < 0 ? UNMATCHED_OVERFLOW_ORDER : tier;
}
