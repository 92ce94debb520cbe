import type { ClusterView } from '../cluster-snapshot.js';
import { successResult, unschedulableResult, type FilterPlugin, type SchedulingContext } from '../framework.js';
import { findUntoleratedTaint, taintToString } from '../tolerations.js';

/**
 * TaintToleration: every NoSchedule and NoExecute taint must be tolerated by placement.clusterTolerations.
 * A cluster already in the result passes: evicting from it is the taint manager's job, not the scheduler's.
 */
export const taintTolerationPlugin: FilterPlugin = {
  name: 'TaintToleration',
  filter(context: SchedulingContext, cluster: ClusterView) {
    if (cluster.schedulingTaints.length === 0 || context.scheduled.has(cluster.name)) return successResult;
    const taint = findUntoleratedTaint(cluster.schedulingTaints, context.placement.clusterTolerations ?? []);
    return taint ? unschedulableResult(`cluster(s) had untolerated taint {${taintToString(taint)}}`) : successResult;
  },
};
