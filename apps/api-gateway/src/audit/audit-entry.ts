import { ResourceCreated, ResourceDeleted, ResourceUpdated, type KubeObjectJson } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';

export type AuditVerb = 'create' | 'update' | 'delete';

/**
 * One accepted change of an API object, as `GET /audit` and `/audit/stream` show it. It names the object and who
 * changed it, never its content: a Secret's entry is as bare as a ConfigMap's.
 */
export interface AuditEntry {
  /** The stream sequence of the change: the object's resourceVersion after it, and the SSE event id. */
  readonly resourceVersion: string;
  /** When the gateway accepted it (RFC 3339). */
  readonly time: string;
  /** The authenticated user (`alice`), or the system identity that wrote on its own (`system:policy-svc`). */
  readonly user: string;
  /** The `Audit-Id` of the API request that started the change (the event's correlation id). */
  readonly requestId: string;
  /** The event's id (also its JetStream message id). */
  readonly eventId: string;
  readonly verb: AuditVerb;
  /** Set when the write came through a subresource (`status`, `scale`). */
  readonly subresource?: string;
  readonly group: string;
  readonly version: string;
  /** Plural resource name (`deployments`). */
  readonly resource: string;
  readonly kind: string;
  /** Absent for cluster-scoped objects. */
  readonly namespace?: string;
  readonly name: string;
  readonly uid?: string;
}

const userActorPrefix = 'user:';

/** The user an envelope's actor names: `user:alice` → `alice`; system identities stay as they are. */
export function userOfActor(actor: string): string {
  return actor.startsWith(userActorPrefix) ? actor.slice(userActorPrefix.length) : actor;
}

/** The audit entry of a template event; undefined for any other event. */
export function auditEntryOf(event: StoredEvent): AuditEntry | undefined {
  let verb: AuditVerb;
  let object: KubeObjectJson;
  let subresource: string | undefined;
  let resource: { group: string; version: string; resource: string };
  if (ResourceCreated.is(event) || ResourceUpdated.is(event)) {
    verb = ResourceCreated.is(event) ? 'create' : 'update';
    ({ object, subresource, resource } = event.data);
  } else if (ResourceDeleted.is(event)) {
    verb = 'delete';
    ({ object, resource } = event.data);
  } else return undefined;
  const { namespace, name, uid } = object.metadata;
  return {
    resourceVersion: String(event.seq),
    time: event.time,
    user: userOfActor(event.actor),
    requestId: event.correlationId,
    eventId: event.id,
    verb,
    ...(subresource ? { subresource } : {}),
    group: resource.group,
    version: resource.version,
    resource: resource.resource,
    kind: object.kind,
    ...(namespace ? { namespace } : {}),
    name: name ?? '',
    ...(uid ? { uid } : {}),
  };
}
