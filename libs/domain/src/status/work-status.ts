import type { KubeObject } from '../api/meta.js';
import {
  WorkAppliedMessage,
  WorkAppliedReason,
  WorkConditionType,
  WorkDispatchingMessage,
  WorkDispatchingReason,
} from '../api/well-known.js';
import type { ManifestStatus, Work } from '../api/work.js';
import { interpretHealth } from '../interpret/health.js';
import { reflectStatus } from '../interpret/reflect-status.js';
import { groupOf, versionOf } from '../interpret/unstructured.js';
import { setCondition, type ConditionUpdate } from './conditions.js';

/** What applying one manifest of a Work to its member cluster did: nothing to say, or the error. */
export interface ManifestApplyOutcome {
  readonly error?: string;
}

/**
 * The Work's Applied condition after an attempt to apply its manifests (Karmada's execution controller): True
 * "AppliedSuccessful" when every manifest applied, else False "AppliedFailed" with
 * "Failed to apply all manifests (<applied>/<total>): <errors>", errors joined as Go's aggregate error does.
 */
export function workAppliedCondition(outcomes: readonly ManifestApplyOutcome[]): ConditionUpdate {
  const errors = outcomes.flatMap((o) => (o.error === undefined ? [] : [o.error]));
  if (errors.length === 0) {
    return { type: WorkConditionType.Applied, status: 'True', reason: WorkAppliedReason.Success, message: WorkAppliedMessage.Success };
  }
  const applied = outcomes.length - errors.length;
  return {
    type: WorkConditionType.Applied,
    status: 'False',
    reason: WorkAppliedReason.Failed,
    message: `Failed to apply all manifests (${applied}/${outcomes.length}): ${aggregateErrors(errors)}`,
  };
}

/** apimachinery's aggregate error text: one message alone, several distinct ones as "[a, b]". */
export function aggregateErrors(errors: readonly string[]): string {
  const distinct = [...new Set(errors)];
  return distinct.length === 1 ? (distinct[0] as string) : `[${distinct.join(', ')}]`;
}

/** The Work's Dispatching condition: False "SuspendDispatching" while dispatching is suspended, else True. */
export function workDispatchingCondition(work: Work): ConditionUpdate {
  return work.spec.suspendDispatching === true
    ? { type: WorkConditionType.Dispatching, status: 'False', reason: WorkDispatchingReason.Suspended, message: WorkDispatchingMessage.Suspended }
    : { type: WorkConditionType.Dispatching, status: 'True', reason: WorkDispatchingReason.Dispatching, message: WorkDispatchingMessage.Dispatching };
}

/** A copy of the Work with a condition recorded. */
export function withWorkCondition(work: Work, update: ConditionUpdate, now: string): Work {
  return { ...work, status: { ...work.status, conditions: setCondition(work.status?.conditions, update, now) } };
}

/**
 * The manifest status a member object reports (Karmada's work-status controller): identified by the manifest's
 * position in the Work and its group, version, kind, namespace and name; its reflected status (see reflectStatus) and
 * health (see interpretHealth). Undefined when the object is not one of the Work's manifests.
 */
export function manifestStatusOf(work: Work, observed: KubeObject): ManifestStatus | undefined {
  const ordinal = manifestIndex(work, observed);
  if (ordinal === -1) return undefined;
  const status = reflectStatus(observed);
  return {
    identifier: {
      ordinal,
      group: groupOf(observed.apiVersion),
      version: versionOf(observed.apiVersion),
      kind: observed.kind,
      resource: '',
      ...(observed.metadata.namespace ? { namespace: observed.metadata.namespace } : {}),
      name: observed.metadata.name ?? '',
    },
    ...(status === undefined ? {} : { status }),
    health: interpretHealth(observed),
  };
}

/** A copy of the Work whose manifestStatuses are the observed object's status (one manifest per Work, replaced whole). */
export function withManifestStatus(work: Work, observed: KubeObject): Work {
  const manifestStatus = manifestStatusOf(work, observed);
  if (!manifestStatus) return work;
  return { ...work, status: { ...work.status, manifestStatuses: [manifestStatus] } };
}

/** Where an object is among a Work's manifests (by apiVersion, kind, namespace and name), -1 when absent. */
export function manifestIndex(work: Work, object: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>): number {
  return work.spec.workload.manifests.findIndex(
    (m) =>
      m.apiVersion === object.apiVersion &&
      m.kind === object.kind &&
      (m.metadata.namespace ?? '') === (object.metadata.namespace ?? '') &&
      m.metadata.name === object.metadata.name,
  );
}
