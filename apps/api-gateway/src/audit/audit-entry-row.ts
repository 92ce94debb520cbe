import type { AuditEntry, AuditVerb } from './audit-entry.js';

/** An audit_entries row as Postgres returns it (bigint as text, timestamptz as Date). */
export interface AuditEntryRow {
  readonly seq: string | number;
  readonly time: Date | string;
  readonly username: string;
  readonly request_id: string;
  readonly event_id: string;
  readonly verb: string;
  readonly subresource: string | null;
  readonly api_group: string;
  readonly api_version: string;
  readonly resource: string;
  readonly kind: string;
  /** '' for cluster-scoped objects, so that equality filters and indexes need no NULL case. */
  readonly namespace: string;
  readonly name: string;
  readonly uid: string | null;
}

/** The columns the projection writes for an entry (the writer adds `seq`, the entry's resourceVersion). */
export function auditRowOf(entry: AuditEntry): Omit<AuditEntryRow, 'seq'> {
  return {
    time: entry.time,
    username: entry.user,
    request_id: entry.requestId,
    event_id: entry.eventId,
    verb: entry.verb,
    subresource: entry.subresource ?? null,
    api_group: entry.group,
    api_version: entry.version,
    resource: entry.resource,
    kind: entry.kind,
    namespace: entry.namespace ?? '',
    name: entry.name,
    uid: entry.uid ?? null,
  };
}

/** The entry a row stores (the inverse of auditRowOf, with `seq` as the resourceVersion). */
export function auditEntryOfRow(row: AuditEntryRow): AuditEntry {
  return {
    resourceVersion: String(row.seq),
    time: new Date(row.time).toISOString(),
    user: row.username,
    requestId: row.request_id,
    eventId: row.event_id,
    verb: row.verb as AuditVerb,
    ...(row.subresource !== null ? { subresource: row.subresource } : {}),
    group: row.api_group,
    version: row.api_version,
    resource: row.resource,
    kind: row.kind,
    ...(row.namespace !== '' ? { namespace: row.namespace } : {}),
    name: row.name,
    ...(row.uid !== null ? { uid: row.uid } : {}),
  };
}
