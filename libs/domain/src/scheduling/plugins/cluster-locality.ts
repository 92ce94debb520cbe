import type { ClusterView } from '../cluster-snapshot.js';
import { MAX_CLUSTER_SCORE, MIN_CLUSTER_SCORE, type ScorePlugin, type SchedulingContext } from '../framework.js';

/** ClusterLocality: 100 for a cluster already in the result, 0 otherwise, so existing placements stick. */
export const clusterLocalityPlugin: ScorePlugin = {
  name: 'ClusterLocality',
  score: (context: SchedulingContext, cluster: ClusterView) =>
    context.scheduled.has(cluster.name) ? MAX_CLUSTER_SCORE : MIN_CLUSTER_SCORE,
};
