import type { ClusterView } from '../cluster-snapshot.js';
import { MIN_CLUSTER_SCORE, successResult, unschedulableResult, type FilterPlugin, type ScorePlugin, type SchedulingContext } from '../framework.js';

const notMatched = unschedulableResult('cluster(s) did not match the placement cluster affinity constraint');

/**
 * ClusterAffinity: the cluster must match the placement's clusterAffinity, or the clusterAffinities term being tried
 * (its overflow affinities count too, for workloads only). No affinity: every cluster matches. Its score is always 0.
 */
export const clusterAffinityPlugin: FilterPlugin & ScorePlugin = {
  name: 'ClusterAffinity',
  filter(context: SchedulingContext, cluster: ClusterView) {
    const affinity = context.affinity;
    if (!affinity) return successResult;
    for (let tier = 0; tier < affinity.filterTiers; tier++) {
      if (affinity.tiers[tier]!(cluster)) return successResult;
    }
    return notMatched;
  },
  score: () => MIN_CLUSTER_SCORE,
};
