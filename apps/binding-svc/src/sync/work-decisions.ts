import {
  WorkDeletionRequested,
  WorkRendered,
  type BindingRefJson,
  type KubeObjectJson,
  type WorkDeletionRequestedData,
  type WorkRenderedData,
} from '@karmada-ts/contracts';
import { KarmadaLabel, sameJson, type SealedManifest, type Work } from '@karmada-ts/domain';
import type { LastEvent, WorkKey } from '../read-models/read-model-tables.js';
import { sameBindingRef } from './binding-ref.js';
import { cleanupPending, isLive, workIn } from './known-work.js';
import { decided, type Decided } from './subject-decision.js';

/**
 * What the API server would give a Work that binding-svc is the only writer of: a uid and a creation time per
 * incarnation, and the work.karmada.io/permanent-id Karmada's webhook stamps on a new Work.
 */
export interface WorkIdentity {
  readonly uid: string;
  readonly permanentId: string;
  readonly creationTimestamp: string;
}

/** The identity a rendered Work carries. */
export function identityOf(work: Work): WorkIdentity {
  return {
    uid: work.metadata.uid ?? '',
    permanentId: work.metadata.labels?.[KarmadaLabel.WorkPermanentId] ?? '',
    creationTimestamp: work.metadata.creationTimestamp ?? '',
  };
}

export function withIdentity(work: Work, identity: WorkIdentity): Work {
  return { ...work, metadata: { ...work.metadata, uid: identity.uid, creationTimestamp: identity.creationTimestamp } };
}

/** A Work that should exist with the content `render` gives it. `binding` is absent for namespace auto-propagation. */
export interface RenderIntent {
  readonly kind: 'render';
  readonly key: WorkKey;
  readonly cluster: string;
  readonly binding?: BindingRefJson;
  /** The Work with this identity (the permanent id is part of the manifest). */
  render(identity: WorkIdentity): Work;
  /** Its manifests whose values executor-svc fills in from the encrypted store (Secrets); absent or empty when none. */
  readonly sealedManifests?: readonly SealedManifest[];
  /** executor-svc's last report on the subject: a Work whose deletion was requested is re-created once cleaned up. */
  readonly report: LastEvent | undefined;
  /** The digest of what `render` renders from (renderInputsDigest); the Work rendered from the same needs nothing. */
  readonly renderedFrom?: string;
}

/** A Work that should go; only its owner (the binding named, or none for namespace auto-propagation) removes it. */
export interface DeleteIntent {
  readonly kind: 'delete';
  readonly key: WorkKey;
  readonly binding?: BindingRefJson;
}

export type WorkIntent = RenderIntent | DeleteIntent;

export interface WorkDecisionContext {
  /** The identity of a new incarnation of the Work when the subject's last sequence is `headSeq`. */
  newIdentity(headSeq: number): WorkIdentity;
  /** When a deletion is requested (the cause's time). */
  readonly now: string;
}

/**
 * The event a Work subject needs, given its last event:
 * - render: nothing when the Work was rendered from the same inputs (renderedFrom), or when it (and the version of
 *   sealed Secret values it names) already says what rendering gives; an update
 *   keeping the Work's identity; a new incarnation when there is none, or when the previous one's deletion was
 *   requested and executor-svc has cleaned it up (until then the new one waits, as Karmada waits for a terminating
 *   Work to go). A Work a binding owns is never taken over by namespace auto-propagation (a policy propagating the
 *   Namespace wins).
 * - delete: a deletion request for a live Work of the same owner, marked with deletionTimestamp.
 */
export function decideWork(intent: WorkIntent, head: LastEvent | undefined, context: WorkDecisionContext): Decided | undefined {
  const headBinding = head ? (head.data as WorkRenderedData).binding : undefined;
  if (intent.kind === 'delete') {
    if (!isLive(head) || !sameBindingRef(headBinding, intent.binding)) return undefined;
    const current = (head!.data as WorkRenderedData).work;
    const data: WorkDeletionRequestedData = {
      work: { ...current, metadata: { ...current.metadata, deletionTimestamp: context.now } },
      ...(headBinding ? { binding: headBinding } : {}),
      cluster: (head!.data as WorkRenderedData).cluster,
    };
    return decided(WorkDeletionRequested, data);
  }
  if (isLive(head)) {
    if (!intent.binding && headBinding) return undefined;
    // Rendered from the very inputs of this intent: rendering again would give the same Work.
    const headRenderedFrom = (head!.data as WorkRenderedData).renderedFrom;
    if (intent.renderedFrom !== undefined && headRenderedFrom === intent.renderedFrom && sameJson(headBinding, intent.binding)) return undefined;
    const current = workIn(head!);
    const work = intent.render(identityOf(current));
    const headSealed = (head!.data as WorkRenderedData).sealedManifests ?? [];
    if (sameJson(work, current) && sameJson(headBinding, intent.binding) && sameJson(headSealed, intent.sealedManifests ?? [])) return undefined;
    return rendered(intent, work);
  }
  if (cleanupPending(head, intent.report)) return undefined;
  return rendered(intent, intent.render(context.newIdentity(head?.seq ?? 0)));
}

function rendered(intent: RenderIntent, work: Work): Decided {
  const data: WorkRenderedData = {
    work: work as unknown as KubeObjectJson,
    ...(intent.binding ? { binding: intent.binding } : {}),
    cluster: intent.cluster,
    ...(intent.sealedManifests?.length ? { sealedManifests: intent.sealedManifests } : {}),
    ...(intent.renderedFrom !== undefined ? { renderedFrom: intent.renderedFrom } : {}),
  };
  return decided(WorkRendered, data);
}
