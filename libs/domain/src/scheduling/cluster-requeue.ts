import type { Cluster } from '../api/cluster.js';
import { ClusterConditionType } from '../api/cluster.js';
import type { ClusterAffinity, Placement } from '../api/policy.js';
import { sameJson } from '../interpret/unstructured.js';
import { matchesClusterAffinity } from '../policy/cluster-affinity.js';

/**
 * How a Cluster changed as far as scheduling goes: `Spec` for what Karmada's scheduler requeues on (a cluster added or
 * removed, its labels, its spec — taints included — or its deletion), `Status` for what only the estimators and the
 * API-enablement filter read (API enablements, resource summary), `None` otherwise (heartbeats, node counts …).
 */
export type ClusterChange = 'None' | 'Spec' | 'Status';

export function clusterChange(before: Cluster | undefined, after: Cluster | undefined): ClusterChange {
  if (!before || !after) return before === after ? 'None' : 'Spec';
  if (
    !sameJson(before.metadata.labels ?? {}, after.metadata.labels ?? {}) ||
    (before.metadata.deletionTimestamp ?? '') !== (after.metadata.deletionTimestamp ?? '') ||
    !sameJson(before.spec, after.spec)
  ) {
    return 'Spec';
  }
  const schedulingStatus = (cluster: Cluster) => ({
    apiEnablements: cluster.status?.apiEnablements ?? [],
    complete: cluster.status?.conditions?.find((c) => c.type === ClusterConditionType.CompleteAPIEnablements)?.status,
    resourceSummary: cluster.status?.resourceSummary,
  });
  return sameJson(schedulingStatus(before), schedulingStatus(after)) ? 'None' : 'Status';
}

/** What the requeue rules need to know about a binding and its current placement. */
export interface RequeueFacts {
  readonly placement: Placement | undefined;
  readonly observedAffinityName?: string;
  /** The clusters of its current placement. */
  readonly targets: readonly string[];
  /**
   * Whether its last decision found no room (Scheduled=False). A binding not decided yet is not waiting: its own
   * event is on its way to the scheduler.
   */
  readonly unschedulable: boolean;
}

/**
 * Whether a cluster change should make the scheduler look at a binding again:
 * - a spec change: Karmada's enqueueAffectedBindings — the binding's affinity in force (clusterAffinity, or the
 *   observed clusterAffinities term) matches the cluster before or after the change, or it has none — plus every
 *   binding placed on the cluster (a NoExecute taint, a deletion);
 * - a status change (capacity, API enablements): bindings that could not be scheduled and whose affinity matches,
 *   which Karmada would retry from its unschedulable queue.
 * `change` is clusterChange(before, after), for callers that weigh one change against many bindings.
 */
export function requeuedByClusterChange(
  binding: RequeueFacts,
  before: Cluster | undefined,
  after: Cluster | undefined,
  change: ClusterChange = clusterChange(before, after),
): boolean {
  if (change === 'None' || !binding.placement) return false;
  const name = after?.metadata.name ?? before?.metadata.name ?? '';
  const affinity = affinityInForce(binding.placement, binding.observedAffinityName);
  const matches = (cluster: Cluster | undefined) => cluster !== undefined && (!affinity || matchesClusterAffinity(cluster, affinity));
  if (change === 'Status') return binding.unschedulable && matches(after);
  return binding.targets.includes(name) || matches(before) || matches(after);
}

/** clusterAffinity, or the clusterAffinities term observed last (the first when none or an unknown one is). */
function affinityInForce(placement: Placement, observedAffinityName: string | undefined): ClusterAffinity | undefined {
  const terms = placement.clusterAffinities;
  if (!terms || terms.length === 0) return placement.clusterAffinity;
  return terms.find((term) => term.affinityName === observedAffinityName) ?? terms[0];
}
