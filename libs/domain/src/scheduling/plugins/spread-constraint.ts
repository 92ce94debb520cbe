import type { ClusterView } from '../cluster-snapshot.js';
import { successResult, unschedulableResult, type FilterPlugin, type SchedulingContext } from '../framework.js';

const noProvider = unschedulableResult('cluster(s) did not have provider property');
const noRegion = unschedulableResult('cluster(s) did not have region property');
const noZones = unschedulableResult('cluster(s) did not have zones property');

/** SpreadConstraint: a cluster cannot take part in spreading by provider, region or zone if it lacks that field. */
export const spreadConstraintPlugin: FilterPlugin = {
  name: 'SpreadConstraint',
  filter(context: SchedulingContext, cluster: ClusterView) {
    const constraints = context.placement.spreadConstraints;
    if (!constraints) return successResult;
    for (const constraint of constraints) {
      if (constraint.spreadByField === 'provider' && cluster.provider === '') return noProvider;
      if (constraint.spreadByField === 'region' && cluster.region === '') return noRegion;
      if (constraint.spreadByField === 'zone' && cluster.zones.length === 0) return noZones;
    }
    return successResult;
  },
};
