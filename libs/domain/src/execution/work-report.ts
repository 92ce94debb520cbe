import type { KubeObject } from '../api/meta.js';
import type { ManifestStatus, Work } from '../api/work.js';
import { WorkConditionType } from '../api/well-known.js';
import { isRecord, sameJson } from '../interpret/unstructured.js';
import { setCondition } from '../status/conditions.js';
import { manifestStatusOf, workAppliedCondition, workDispatchingCondition } from '../status/work-status.js';

/** A Work's status as the executor reports it. */
export type WorkStatus = NonNullable<Work['status']>;

/**
 * What the executor says about a Work: its status, and which version of the Work (the stream sequence of its `work`
 * event) the Applied and Dispatching conditions answer, as Kubernetes' observedGeneration does.
 */
export interface WorkReport {
  readonly observedWorkSeq: number;
  readonly status: WorkStatus;
}

/** What applying one manifest did: the member object as the apply left it, or the error. */
export interface ManifestOutcome {
  readonly observed?: KubeObject;
  readonly error?: string;
}

/**
 * The report after the Work's manifests were applied (or failed to apply): Dispatching True, Applied from the
 * outcomes (see workAppliedCondition), and the manifest statuses of the objects the applies returned; a manifest
 * that failed keeps the status reported before. Conditions keep their transition time while their status holds.
 */
export function reportApplied(previous: WorkStatus | undefined, work: Work, workSeq: number, outcomes: readonly ManifestOutcome[], now: string): WorkReport {
  const conditions = setCondition(setCondition(previous?.conditions, workDispatchingCondition(work), now), workAppliedCondition(outcomes), now);
  const observed = outcomes.flatMap((outcome) => (outcome.observed ? [outcome.observed] : []));
  return { observedWorkSeq: workSeq, status: withManifestStatuses({ ...previous, conditions }, work, observed) };
}

/** The report of a Work whose dispatching is suspended: Dispatching False, nothing applied, the rest as before. */
export function reportSuspended(previous: WorkStatus | undefined, work: Work, workSeq: number, now: string): WorkReport {
  return { observedWorkSeq: workSeq, status: { ...previous, conditions: setCondition(previous?.conditions, workDispatchingCondition(work), now) } };
}

/**
 * The report after a member object of the Work changed (the work-status controller): its reflected status and health
 * replace the manifest's entry; the conditions and the observed Work version stay.
 */
export function reportObserved(previous: WorkReport, work: Work, observed: KubeObject): WorkReport {
  return { observedWorkSeq: previous.observedWorkSeq, status: withManifestStatuses(previous.status, work, [observed]) };
}

/** Whether the report says the given version of the Work is applied (Applied True for exactly that version). */
export function reportsApplied(report: WorkReport | undefined, workSeq: number): boolean {
  return report?.observedWorkSeq === workSeq && report.status.conditions?.some((c) => c.type === WorkConditionType.Applied && c.status === 'True') === true;
}

/** Whether publishing `next` would tell nothing new after `previous`. */
export function sameReport(previous: WorkReport | undefined, next: WorkReport): boolean {
  return previous !== undefined && sameJson(previous, next);
}

/** A report read back from an event, or undefined when the data is not one. */
export function asWorkReport(data: unknown): WorkReport | undefined {
  if (!isRecord(data) || typeof data['observedWorkSeq'] !== 'number' || !isRecord(data['status'])) return undefined;
  return { observedWorkSeq: data['observedWorkSeq'], status: data['status'] as WorkStatus };
}

/** The status with the entries of these member objects replaced (by manifest ordinal), in ordinal order. */
function withManifestStatuses(status: WorkStatus, work: Work, observed: readonly KubeObject[]): WorkStatus {
  const fresh = observed.flatMap((object) => {
    const entry = manifestStatusOf(work, object);
    return entry ? [entry] : [];
  });
  if (fresh.length === 0) return status;
  const ordinals = new Set(fresh.map((entry) => entry.identifier.ordinal));
  const manifestStatuses: ManifestStatus[] = [...(status.manifestStatuses ?? []).filter((entry) => !ordinals.has(entry.identifier.ordinal)), ...fresh].sort(
    (a, b) => a.identifier.ordinal - b.identifier.ordinal,
  );
  return { ...status, manifestStatuses };
}
