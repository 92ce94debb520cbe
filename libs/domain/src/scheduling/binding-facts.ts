import type { Placement, ReplicaSchedulingType, SpreadConstraint } from '../api/policy.js';
import type { ResourceBindingSpec, ResourceBindingStatus } from '../api/work.js';

/** How the replicas of a binding are shared out, Karmada's four strategies. */
export type ReplicaStrategy = 'Duplicated' | 'Aggregated' | 'StaticWeight' | 'DynamicWeight';

/**
 * The placement with the defaults Karmada's CRD and webhook would have filled in: a spread constraint with neither
 * field nor label spreads by cluster, minGroups defaults to 1, and replicaScheduling without a type is Divided.
 */
export function withPlacementDefaults(placement: Placement | undefined): Placement {
  const normalized: Placement = { ...placement };
  if (placement?.spreadConstraints) normalized.spreadConstraints = placement.spreadConstraints.map(withSpreadDefaults);
  if (placement?.replicaScheduling && !placement.replicaScheduling.replicaSchedulingType) {
    normalized.replicaScheduling = { ...placement.replicaScheduling, replicaSchedulingType: 'Divided' };
  }
  return normalized;
}

function withSpreadDefaults(constraint: SpreadConstraint): SpreadConstraint {
  const defaulted = { ...constraint };
  if (!defaulted.spreadByField && !defaulted.spreadByLabel) defaulted.spreadByField = 'cluster';
  if (!defaulted.minGroups) defaulted.minGroups = 1;
  return defaulted;
}

/** No replicaScheduling at all means Duplicated. */
export function replicaSchedulingTypeOf(placement: Placement | undefined): ReplicaSchedulingType | undefined {
  return placement?.replicaScheduling ? placement.replicaScheduling.replicaSchedulingType : 'Duplicated';
}

/** The assignment strategy, or undefined for a combination Karmada does not support (e.g. Divided with no preference). */
export function replicaStrategyOf(placement: Placement | undefined): ReplicaStrategy | undefined {
  switch (replicaSchedulingTypeOf(placement)) {
    case 'Duplicated':
      return 'Duplicated';
    case 'Divided': {
      const scheduling = placement?.replicaScheduling;
      if (scheduling?.replicaDivisionPreference === 'Aggregated') return 'Aggregated';
      if (scheduling?.replicaDivisionPreference !== 'Weighted') return undefined;
      return scheduling.weightPreference?.dynamicWeight ? 'DynamicWeight' : 'StaticWeight';
    }
    default:
      return undefined;
  }
}

/** A workload has replicas or replica requirements; anything else (ConfigMap, Service, ...) is propagated whole. */
export function isWorkloadBinding(spec: ResourceBindingSpec): boolean {
  return (spec.replicas ?? 0) > 0 || spec.replicaRequirements != null;
}

/** Fresh mode: rescheduleTriggeredAt later than lastScheduledTime (both must be set). */
export function rescheduleRequired(spec: ResourceBindingSpec, status: ResourceBindingStatus | undefined): boolean {
  if (!spec.rescheduleTriggeredAt || !status?.lastScheduledTime) return false;
  return Date.parse(spec.rescheduleTriggeredAt) > Date.parse(status.lastScheduledTime);
}

export function sumOfTargetReplicas(clusters: readonly { replicas?: number }[] | undefined): number {
  let sum = 0;
  for (const cluster of clusters ?? []) sum += cluster.replicas ?? 0;
  return sum;
}
