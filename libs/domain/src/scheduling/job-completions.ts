import type { Placement } from '../api/policy.js';
import type { TargetCluster } from '../api/work.js';
import { replicaSchedulingTypeOf } from './binding-facts.js';
import { allocateByWeight } from './webster.js';

/** A Job's completions are split only when its replicas (parallelism) were divided. */
export function needsJobCompletionsSplit(replicas: number, placement: Placement | undefined): boolean {
  return replicas > 0 && placement !== undefined && replicaSchedulingTypeOf(placement) === 'Divided';
}

/**
 * Karmada's Job special case: spec.completions is shared out over the target clusters with the Webster method,
 * weighted by the parallelism each cluster got. `uid` is the Job's uid (the tie-break direction).
 */
export function divideJobCompletions(completions: number, clusters: readonly TargetCluster[], uid?: string): TargetCluster[] {
  const weights = new Map(clusters.map((cluster) => [cluster.name, cluster.replicas ?? 0]));
  return allocateByWeight(completions, weights, undefined, uid);
}
