import { BindingConditionType, DefaultSchedulerName, KarmadaAnnotation } from '../api/well-known.js';
import type { AnyResourceBinding, TargetCluster } from '../api/work.js';
import type { ClusterSnapshot } from '../scheduling/cluster-snapshot.js';
import { decidePlacement, takesBinding, type FailoverSettings, type PlacementRecord } from '../scheduling/decide-placement.js';
import { explainCluster, type ExplainedCluster } from '../scheduling/explained-cluster.js';

/** Where the scheduler would place a binding now. */
export interface PlacementPreview {
  /** The Scheduled condition would be True. */
  readonly scheduled: boolean;
  /**
   * The scheduler would run. When it would not (nothing that triggers a reschedule changed), the binding keeps its
   * clusters and condition, and there is no fresh explanation.
   */
  readonly rescheduled: boolean;
  readonly clusters: readonly TargetCluster[];
  /** The Scheduled condition's message (Karmada's), or why the binding is not scheduled at all. */
  readonly message: string;
  readonly explanation: readonly ExplainedCluster[];
}

export interface PlacementPreviewOptions {
  readonly now: string;
  readonly failover: FailoverSettings;
}

/**
 * The scheduler's decision (decidePlacement) for a binding as the detector would write it, over the clusters of
 * the moment. The binding may carry what the scheduler decided last (spec.clusters, eviction tasks, the Scheduled
 * condition and the applied-placement annotation, as the gateway serves them): that decision is then the previous
 * one, as it is for scheduler-svc.
 */
export function previewPlacement(binding: AnyResourceBinding, clusters: ClusterSnapshot, options: PlacementPreviewOptions): PlacementPreview {
  const decision = decidePlacement({
    binding: detectorPart(binding),
    previous: previousRecord(binding),
    clusters,
    health: binding.status?.aggregatedStatus ?? [],
    now: options.now,
    failover: options.failover,
  });
  const condition = decision?.placement.scheduledCondition;
  if (!decision || !condition) return { scheduled: false, rescheduled: false, clusters: decision?.placement.clusters ?? [], message: notScheduledReason(binding), explanation: [] };
  return {
    scheduled: condition.status === 'True',
    rescheduled: decision.trigger !== undefined,
    clusters: decision.placement.clusters,
    message: condition.message,
    explanation: (decision.explanation ?? []).map(explainCluster),
  };
}

/** The binding without what the scheduler owns: what decidePlacement expects. */
function detectorPart(binding: AnyResourceBinding): AnyResourceBinding {
  const { clusters: _clusters, gracefulEvictionTasks: _tasks, ...spec } = binding.spec;
  const { status: _status, ...rest } = binding;
  return { ...rest, spec } as AnyResourceBinding;
}

/** The scheduler's last decision as the binding shows it; undefined when it was never scheduled. */
function previousRecord(binding: AnyResourceBinding): PlacementRecord | undefined {
  const { spec, status } = binding;
  const condition = status?.conditions?.find((c) => c.type === BindingConditionType.Scheduled);
  if (!condition && !spec.clusters?.length && !spec.gracefulEvictionTasks?.length) return undefined;
  const applied = binding.metadata.annotations?.[KarmadaAnnotation.AppliedPlacement];
  return {
    clusters: spec.clusters ?? [],
    gracefulEvictionTasks: spec.gracefulEvictionTasks ?? [],
    ...(condition ? { scheduledCondition: condition } : {}),
    ...(status?.schedulerObservingAffinityName ? { schedulerObservingAffinityName: status.schedulerObservingAffinityName } : {}),
    ...(status?.lastScheduledTime ? { lastScheduledTime: status.lastScheduledTime } : {}),
    ...(applied ? { appliedPlacement: applied } : {}),
  };
}

/** Why the scheduler leaves a binding alone (decidePlacement's reasons for deciding nothing). */
function notScheduledReason(binding: AnyResourceBinding): string {
  if (binding.metadata.deletionTimestamp) return 'the binding is being deleted';
  if (!takesBinding(binding)) return `the binding names the scheduler "${binding.spec.schedulerName ?? ''}": ${DefaultSchedulerName} leaves it alone`;
  if (binding.spec.suspension?.scheduling === true) return 'scheduling of the binding is suspended';
  return 'the binding has no placement';
}
