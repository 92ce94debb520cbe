import type { ClusterAffinityTerm, Placement } from '../api/policy.js';
import type { ResourceBindingSpec, ResourceBindingStatus } from '../api/work.js';
import { isWorkloadBinding } from './binding-facts.js';
import { compileClusterAffinity } from './cluster-affinity-matcher.js';
import { servedKindKey } from './cluster-snapshot.js';
import type { AffinityInForce, SchedulingContext } from './framework.js';

/**
 * The context of one scheduling attempt. `term` is the clusterAffinities term being tried (undefined when the
 * placement uses clusterAffinity or no affinity); the status is seen with that term as the observed one.
 */
export function schedulingContext(
  spec: ResourceBindingSpec,
  placement: Placement,
  status: ResourceBindingStatus,
  term: ClusterAffinityTerm | undefined,
): SchedulingContext {
  const workload = isWorkloadBinding(spec);
  const scheduled = new Map<string, number>();
  for (const cluster of spec.clusters ?? []) if (!scheduled.has(cluster.name)) scheduled.set(cluster.name, cluster.replicas ?? 0);
  return {
    spec,
    servedKind: servedKindKey(spec.resource.apiVersion, spec.resource.kind),
    placement,
    status: term ? { ...status, schedulerObservingAffinityName: term.affinityName } : status,
    scheduled,
    evicting: new Set((spec.gracefulEvictionTasks ?? []).map((task) => task.fromCluster)),
    affinity: affinityInForce(placement, term, workload),
    workload,
  };
}

function affinityInForce(placement: Placement, term: ClusterAffinityTerm | undefined, workload: boolean): AffinityInForce | undefined {
  if (placement.clusterAffinity) return { tiers: [compileClusterAffinity(placement.clusterAffinity)], filterTiers: 1, overflow: false };
  if (!term) return undefined;
  const tiers = [compileClusterAffinity(term), ...(term.overflowAffinities ?? []).map(compileClusterAffinity)];
  return { termName: term.affinityName, tiers, filterTiers: workload ? tiers.length : 1, overflow: term.overflowAffinities !== undefined };
}
