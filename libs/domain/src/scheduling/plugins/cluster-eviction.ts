import type { ClusterView } from '../cluster-snapshot.js';
import { successResult, unschedulableResult, type FilterPlugin, type SchedulingContext } from '../framework.js';

const beingEvicted = unschedulableResult('cluster(s) is in the process of eviction');

/** ClusterEviction: a cluster named in the binding's gracefulEvictionTasks gets nothing new. */
export const clusterEvictionPlugin: FilterPlugin = {
  name: 'ClusterEviction',
  filter: (context: SchedulingContext, cluster: ClusterView) => (context.evicting.has(cluster.name) ? beingEvicted : successResult),
};
