import type { Placement } from '../api/policy.js';
import { replicaSchedulingTypeOf } from './binding-facts.js';
import type { CandidateCluster } from './candidate-clusters.js';

/** Replicas weigh more than scores: a score (0..100 on average) only breaks ties between equal replica capacity. */
const WEIGHT_UNIT = 1000;

/**
 * Karmada's score of a topology group (a region), used to rank groups.
 *
 * Duplicated: every cluster gets all replicas, so what counts is how many clusters can hold them:
 * 1000 × (clusters with availableReplicas ≥ replicas) + their average score (0 when none can).
 *
 * Divided: walk the group's clusters in candidate order until both max(minGroups, cluster minGroups) clusters and
 * ceil(replicas / minGroups) available replicas are reached. If they are: 1000 × that target + the walked clusters'
 * average score. If not: 1000 × the replicas found + the average score over the whole group.
 */
export function groupScore(clusters: readonly CandidateCluster[], placement: Placement, replicas: number, minGroups: number): number {
  return replicaSchedulingTypeOf(placement) === 'Duplicated'
    ? duplicatedGroupScore(clusters, replicas)
    : dividedGroupScore(clusters, placement, replicas, minGroups);
}

function duplicatedGroupScore(clusters: readonly CandidateCluster[], replicas: number): number {
  let fitting = 0;
  let fittingScore = 0;
  for (const cluster of clusters) {
    if (cluster.availableReplicas >= replicas) {
      fitting++;
      fittingScore += cluster.score;
    }
  }
  return fitting === 0 ? 0 : fitting * WEIGHT_UNIT + Math.trunc(fittingScore / fitting);
}

function dividedGroupScore(clusters: readonly CandidateCluster[], placement: Placement, replicas: number, minGroups: number): number {
  const targetReplicas = Math.ceil(replicas / minGroups);
  let clusterMinGroups = 0;
  for (const constraint of placement.spreadConstraints ?? []) {
    if (constraint.spreadByField === 'cluster') clusterMinGroups = constraint.minGroups ?? 0;
  }
  const neededClusters = Math.max(clusterMinGroups, minGroups);

  let available = 0;
  let scores = 0;
  let walked = 0;
  for (const cluster of clusters) {
    available += cluster.availableReplicas;
    scores += cluster.score;
    walked++;
    if (walked >= neededClusters && available >= targetReplicas) break;
  }
  if (available < targetReplicas) return available * WEIGHT_UNIT + Math.trunc(scores / clusters.length);
  return targetReplicas * WEIGHT_UNIT + Math.trunc(scores / walked);
}
