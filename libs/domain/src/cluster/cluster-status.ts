import type { APIEnablement, ClusterStatus, NodeSummary, ResourceSummary } from '../api/cluster.js';
import { ClusterConditionType, ClusterReadyReason } from '../api/cluster.js';
import type { Condition, Taint } from '../api/meta.js';
import { setCondition, type ConditionUpdate } from '../status/conditions.js';
import { controllerTaints, noExecuteDueAt } from './controller-taints.js';
import type { DampedReady, DampingThresholds, ReadyObservation } from './health-damping.js';

/**
 * One round of Karmada's cluster-status controller as cluster-svc publishes it: the Cluster's status and the taints
 * the controller owns, composed from what was published before, the damped Ready condition and, when the member is
 * Ready, what was collected from it.
 */
export interface ClusterStatusReport {
  readonly status: ClusterStatus;
  readonly controllerTaints: readonly Taint[];
}

/** What a collection round read from a Ready member (member-access's ClusterStatusFragment fits). */
export interface CollectedMemberStatus {
  readonly kubernetesVersion: string;
  readonly apiEnablements: readonly APIEnablement[];
  readonly apiEnablementsCondition: ConditionUpdate;
  /** Absent until the member's nodes and pods have been listed: the published summaries stay meanwhile. */
  readonly nodeSummary?: NodeSummary;
  readonly resourceSummary?: ResourceSummary;
}

/**
 * The Ready condition of a cluster whose client cannot be built (its Secret is missing or unusable), in Karmada's
 * words (setStatusCollectionFailedCondition).
 */
export function statusCollectionFailedCondition(error: string, now: string): Condition {
  return {
    type: ClusterConditionType.Ready,
    status: 'False',
    reason: ClusterReadyReason.StatusCollectionFailed,
    message: `failed to create a ClusterClient: ${error}`,
    lastTransitionTime: now,
  };
}

/**
 * Karmada collects version, API enablements and summaries only when this very probe found the member healthy and
 * the published (damped) condition is Ready; otherwise the previous values stay.
 */
export function collectsMemberStatus(observed: Condition, damped: DampedReady): boolean {
  return observed.status === 'True' && damped.condition.status === 'True';
}

/**
 * The report to publish: the previous status with the collected fields replaced (when there are any), the
 * CompleteAPIEnablements condition recorded with apimachinery's transition rules, the damped Ready condition as it
 * is (dampReadyCondition has decided its transition time), and the controller taints for that Ready condition.
 * Publish it only when it differs from `published` (sameJson): an idle cluster yields the same report every round.
 */
export function nextClusterStatus(
  published: ClusterStatusReport | undefined,
  ready: Condition,
  collected: CollectedMemberStatus | undefined,
  now: string,
  noExecuteGraceMs: number,
): ClusterStatusReport {
  const previous = published?.status ?? {};
  let conditions = previous.conditions ?? [];
  let status: ClusterStatus = { ...previous };
  if (collected) {
    conditions = setCondition(conditions, collected.apiEnablementsCondition, now);
    status = {
      ...status,
      kubernetesVersion: collected.kubernetesVersion,
      apiEnablements: collected.apiEnablements.map((e) => ({ ...e })),
      ...(collected.nodeSummary ? { nodeSummary: collected.nodeSummary } : {}),
      ...(collected.resourceSummary ? { resourceSummary: collected.resourceSummary } : {}),
    };
  }
  status = { ...status, conditions: withCondition(conditions, ready) };
  return { status, controllerTaints: controllerTaints(ready, published?.controllerTaints ?? [], now, noExecuteGraceMs) };
}

/**
 * When the published status may change without anything changing in the member: the damping window of an observed
 * flip closes, or the NoExecute taint falls due. The earliest such time after `now`, so the controller wakes up then
 * instead of on its next regular round; undefined when nothing is pending.
 */
export function statusDueAt(
  ready: Condition | undefined,
  observation: ReadyObservation,
  now: string,
  thresholds: DampingThresholds,
  noExecuteGraceMs: number,
): string | undefined {
  const at = Date.parse(now);
  const candidates: number[] = [];
  const flipping = ready !== undefined && (ready.status === 'True') !== (observation.status === 'True');
  if (flipping) {
    const threshold = observation.status === 'True' ? thresholds.successThresholdMs : thresholds.failureThresholdMs;
    candidates.push(Date.parse(observation.since) + threshold);
  }
  const noExecute = noExecuteDueAt(ready, noExecuteGraceMs);
  if (noExecute) candidates.push(Date.parse(noExecute));
  const future = candidates.filter((t) => t > at);
  return future.length > 0 ? new Date(Math.min(...future)).toISOString() : undefined;
}

/** The conditions with `condition` in place of the one of its type (appended when new), as given. */
function withCondition(conditions: readonly Condition[], condition: Condition): Condition[] {
  const index = conditions.findIndex((c) => c.type === condition.type);
  return index === -1 ? [...conditions, condition] : conditions.map((c, i) => (i === index ? condition : c));
}
