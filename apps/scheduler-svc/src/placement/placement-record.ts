import type { BindingRefJson, PlacementDecidedData } from '@karmada-ts/contracts';
import {
  KarmadaLabel,
  recordExplanation,
  type AnyResourceBinding,
  type Condition,
  type FailbackPlan,
  type GracefulEvictionTask,
  type PlacementDecision,
  type PlacementRecord,
  type TargetCluster,
} from '@karmada-ts/domain';

/** A binding's identity in placement events: its permanent id stands for the uid, as in Karmada's backups. */
export function bindingRefOf(binding: AnyResourceBinding): BindingRefJson {
  const idLabel = binding.kind === 'ResourceBinding' ? KarmadaLabel.ResourceBindingPermanentId : KarmadaLabel.ClusterResourceBindingPermanentId;
  return {
    kind: binding.kind,
    ...(binding.metadata.namespace ? { namespace: binding.metadata.namespace } : {}),
    name: binding.metadata.name ?? '',
    uid: binding.metadata.labels?.[idLabel] ?? binding.metadata.uid ?? '',
  };
}

/** The decision a PlacementDecided event recorded, in the domain's terms. */
export function recordOf(data: PlacementDecidedData): PlacementRecord {
  return {
    clusters: data.clusters as TargetCluster[],
    gracefulEvictionTasks: data.gracefulEvictionTasks as unknown as GracefulEvictionTask[],
    ...(Object.keys(data.scheduledCondition).length > 0 ? { scheduledCondition: data.scheduledCondition as unknown as Condition } : {}),
    ...(data.schedulerObservingAffinityName ? { schedulerObservingAffinityName: data.schedulerObservingAffinityName } : {}),
    ...(data.lastScheduledTime ? { lastScheduledTime: data.lastScheduledTime } : {}),
    ...(data.appliedPlacement ? { appliedPlacement: data.appliedPlacement } : {}),
    ...(data.unhealthySince ? { unhealthySince: data.unhealthySince } : {}),
    ...(data.failback ? { failback: data.failback as FailbackPlan } : {}),
  };
}

/**
 * The PlacementDecided of a decision: the explanation of this run, or, when the scheduler did not run, the one of
 * the decision it keeps.
 */
export function placementDecidedData(
  binding: AnyResourceBinding,
  bindingSeq: number,
  decision: PlacementDecision,
  previous: PlacementDecidedData | undefined,
): PlacementDecidedData {
  const { placement } = decision;
  return {
    binding: bindingRefOf(binding),
    observedBindingSeq: bindingSeq,
    clusters: placement.clusters,
    gracefulEvictionTasks: placement.gracefulEvictionTasks as unknown as Readonly<Record<string, unknown>>[],
    scheduledCondition: (placement.scheduledCondition ?? {}) as unknown as Readonly<Record<string, unknown>>,
    ...(placement.schedulerObservingAffinityName ? { schedulerObservingAffinityName: placement.schedulerObservingAffinityName } : {}),
    ...(placement.lastScheduledTime ? { lastScheduledTime: placement.lastScheduledTime } : {}),
    ...(placement.appliedPlacement ? { appliedPlacement: placement.appliedPlacement } : {}),
    ...explanationOf(decision, previous),
    ...(placement.unhealthySince ? { unhealthySince: placement.unhealthySince } : {}),
    ...(placement.failback ? { failback: placement.failback } : {}),
  };
}

/** The explanation of this run (rejections grouped), or the one the kept decision recorded. */
function explanationOf(decision: PlacementDecision, previous: PlacementDecidedData | undefined): Pick<PlacementDecidedData, 'explanation' | 'rejected'> {
  if (decision.explanation) return recordExplanation(decision.explanation);
  return { explanation: previous?.explanation ?? [], ...(previous?.rejected ? { rejected: previous.rejected } : {}) };
}
