import type { Cluster } from '../api/cluster.js';
import type { ClusterAffinityTerm, Placement } from '../api/policy.js';
import { KarmadaAnnotation } from '../api/well-known.js';
import type { AnyResourceBinding, ResourceBindingSpec } from '../api/work.js';
import { isWorkloadBinding, replicaSchedulingTypeOf, rescheduleRequired, sumOfTargetReplicas } from './binding-facts.js';
import { isClusterSnapshot, type ClusterSnapshot } from './cluster-snapshot.js';

/** Why Karmada's scheduler would (re)schedule a binding now. */
export type SchedulingTrigger =
  | 'PlacementChanged'
  | 'ReplicasChanged'
  | 'RescheduleTriggered'
  /** Non-workloads and Duplicated bindings are rescheduled on every event. */
  | 'AlwaysRescheduled'
  | 'TargetClusterDeleting';

export type SchedulingNeed =
  | { readonly needed: true; readonly trigger: SchedulingTrigger }
  | { readonly needed: false; readonly reason: 'BindingDeleting' | 'SchedulingSuspended' | 'NoPlacement' | 'UpToDate' };

/**
 * Karmada's doScheduleBinding triggers, checked in its order. When nothing triggers, only
 * schedulerObservedGeneration needs bumping. Divided workloads are deliberately not moved by cluster label or taint
 * changes, nor by a cluster recovering (WorkloadRebalancer exists for that).
 *
 * `appliedPlacement` is the policy.karmada.io/applied-placement annotation value; by default the binding's own.
 */
export function needsScheduling(
  binding: Pick<AnyResourceBinding, 'metadata' | 'spec' | 'status'>,
  clusters: readonly Cluster[] | ClusterSnapshot,
  appliedPlacement: string | undefined = binding.metadata.annotations?.[KarmadaAnnotation.AppliedPlacement],
): SchedulingNeed {
  const { spec, status } = binding;
  if (binding.metadata.deletionTimestamp) return { needed: false, reason: 'BindingDeleting' };
  if (spec.suspension?.scheduling === true) return { needed: false, reason: 'SchedulingSuspended' };
  if (!spec.placement) return { needed: false, reason: 'NoPlacement' };

  if (placementChanged(spec.placement, appliedPlacement, status?.schedulerObservingAffinityName)) return trigger('PlacementChanged');
  if (replicasChanged(spec)) return trigger('ReplicasChanged');
  if (rescheduleRequired(spec, status)) return trigger('RescheduleTriggered');
  if (!isWorkloadBinding(spec) || replicaSchedulingTypeOf(spec.placement) === 'Duplicated') return trigger('AlwaysRescheduled');
  if (targetClusterDeleting(spec, clusters)) return trigger('TargetClusterDeleting');
  return { needed: false, reason: 'UpToDate' };
}

function trigger(cause: SchedulingTrigger): SchedulingNeed {
  return { needed: true, trigger: cause };
}

/**
 * The placement differs from the one last scheduled: no annotation at all; or affinity, tolerations, spread or
 * replicaScheduling differ; or the clusterAffinities term being observed differs (or is no longer there, or none is
 * observed). An annotation that is not JSON counts as unchanged, as in Karmada. Absent, null and empty lists are
 * the same thing here, since Karmada writes the annotation with omitempty.
 */
export function placementChanged(placement: Placement, appliedPlacement: string | undefined, observedAffinityName: string | undefined): boolean {
  if (!appliedPlacement) return true;
  let applied: Placement;
  try {
    applied = JSON.parse(appliedPlacement) as Placement;
  } catch {
    return false;
  }
  if (sameJson(placement, applied)) return false;
  if (
    !sameJson(placement.clusterAffinity, applied.clusterAffinity) ||
    !sameJson(placement.clusterTolerations, applied.clusterTolerations) ||
    !sameJson(placement.spreadConstraints, applied.spreadConstraints) ||
    !sameJson(placement.replicaScheduling, applied.replicaScheduling)
  ) {
    return true;
  }
  return observedTermChanged(placement.clusterAffinities, applied.clusterAffinities, observedAffinityName);
}

function observedTermChanged(
  terms: readonly ClusterAffinityTerm[] | undefined,
  appliedTerms: readonly ClusterAffinityTerm[] | undefined,
  observedName: string | undefined,
): boolean {
  if (!observedName) return true;
  const term = terms?.find((t) => t.affinityName === observedName);
  const appliedTerm = appliedTerms?.find((t) => t.affinityName === observedName);
  return !term || !appliedTerm || !sameJson(term, appliedTerm);
}

/** Duplicated: some cluster's replicas differ from spec.replicas. Divided: the sum differs (eviction lowers it). */
function replicasChanged(spec: ResourceBindingSpec): boolean {
  switch (spec.placement?.replicaScheduling?.replicaSchedulingType) {
    case 'Duplicated':
      return (spec.clusters ?? []).some((cluster) => (cluster.replicas ?? 0) !== (spec.replicas ?? 0));
    case 'Divided':
      return sumOfTargetReplicas(spec.clusters) !== (spec.replicas ?? 0);
    default:
      return false;
  }
}

function targetClusterDeleting(spec: ResourceBindingSpec, clusters: readonly Cluster[] | ClusterSnapshot): boolean {
  const deleting = new Set(
    isClusterSnapshot(clusters)
      ? clusters.clusters.filter((view) => view.deleting).map((view) => view.name)
      : clusters.filter((cluster) => cluster.metadata.deletionTimestamp).map((cluster) => cluster.metadata.name),
  );
  return (spec.clusters ?? []).some((target) => deleting.has(target.name));
}

function sameJson(a: unknown, b: unknown): boolean {
  if (isAbsent(a) && isAbsent(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameJson(a[key], b[key]));
  }
  return a === b;
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
