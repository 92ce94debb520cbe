import { assertNever } from '../assert-never.js';
import { apiEnablementOf, type ClusterView } from '../cluster-snapshot.js';
import { successResult, unschedulableResult, type FilterPlugin, type SchedulingContext } from '../framework.js';

const reason = 'cluster(s) did not have the API resource';

/**
 * APIEnablement: the cluster must serve the template's apiVersion and kind. An API that is missing from an incomplete
 * list (CompleteAPIEnablements not True) is unknown and fails too, but the explanation tells the two apart.
 * A cluster already in the result passes, so a CRD removed by accident never deletes what was scheduled.
 */
export const apiEnablementPlugin: FilterPlugin = {
  name: 'APIEnablement',
  filter(context: SchedulingContext, cluster: ClusterView) {
    if (context.scheduled.has(cluster.name)) return successResult;
    const status = apiEnablementOf(cluster, context.servedKind);
    const { apiVersion, kind } = context.spec.resource;
    switch (status) {
      case 'APIEnabled':
        return successResult;
      case 'APIDisabled':
        return unschedulableResult(reason, `${apiVersion}, Kind=${kind} is not served by the cluster`);
      case 'APIUnknown':
        return unschedulableResult(reason, `${apiVersion}, Kind=${kind} is not in the cluster's API list, which is incomplete`);
      default:
        return assertNever(status);
    }
  },
};
