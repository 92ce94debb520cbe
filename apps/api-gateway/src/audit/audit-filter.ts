import { badRequest } from '@karmada-ts/kube';
import type { AuditEntry } from './audit-entry.js';

/** Which audit entries a reader wants; every field given must match. */
export interface AuditFilter {
  readonly user?: string;
  readonly kind?: string;
  /** Plural resource name; with `group` when the parameter was group-qualified (`deployments.apps`). */
  readonly resource?: string;
  readonly group?: string;
  readonly namespace?: string;
  readonly name?: string;
  /** Entries at or after this time. */
  readonly since?: Date;
  /** Entries before this time. */
  readonly until?: Date;
}

/** The query parameters both `/audit` and `/audit/stream` take. */
export const auditFilterParams = ['user', 'kind', 'resource', 'namespace', 'name', 'since', 'until'] as const;

// RFC 3339 as Kubernetes writes it (metav1.Time, MicroTime): a full date, a time, an explicit offset.
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads the filter parameters. Refuses (400 BadRequest) any parameter not in `allowed` — a misspelt filter would
 * otherwise widen the answer silently — a parameter given twice, and a time that is not RFC 3339. Empty values
 * count as absent.
 */
export function parseAuditFilter(params: URLSearchParams, allowed: readonly string[]): AuditFilter {
  for (const key of new Set(params.keys())) {
    if (!allowed.includes(key)) throw badRequest(`unknown query parameter "${key}": use ${allowed.join(', ')}`);
  }
  const resource = singleParam(params, 'resource');
  const dot = resource?.indexOf('.') ?? -1;
  const since = timeParam(params, 'since');
  const until = timeParam(params, 'until');
  if (since && until && since.getTime() > until.getTime()) throw badRequest(`since (${since.toISOString()}) must not be after until (${until.toISOString()})`);
  return withoutUndefined({
    user: singleParam(params, 'user'),
    kind: singleParam(params, 'kind'),
    resource: dot < 0 ? resource : resource!.slice(0, dot),
    group: dot < 0 ? undefined : resource!.slice(dot + 1),
    namespace: singleParam(params, 'namespace'),
    name: singleParam(params, 'name'),
    since,
    until,
  });
}

/** Whether an entry passes the filter (the same test the SQL of `/audit` makes). */
export function matchesAuditFilter(filter: AuditFilter, entry: AuditEntry): boolean {
  if (filter.user !== undefined && entry.user !== filter.user) return false;
  if (filter.kind !== undefined && entry.kind !== filter.kind) return false;
  if (filter.resource !== undefined && entry.resource !== filter.resource) return false;
  if (filter.group !== undefined && entry.group !== filter.group) return false;
  if (filter.namespace !== undefined && (entry.namespace ?? '') !== filter.namespace) return false;
  if (filter.name !== undefined && entry.name !== filter.name) return false;
  const time = Date.parse(entry.time);
  if (filter.since && time < filter.since.getTime()) return false;
  if (filter.until && time >= filter.until.getTime()) return false;
  return true;
}

/** The value of a parameter that may be given once; undefined when absent or empty. */
export function singleParam(params: URLSearchParams, key: string): string | undefined {
  const values = params.getAll(key);
  if (values.length > 1) throw badRequest(`query parameter "${key}" is given ${values.length} times: give it once`);
  return values[0] || undefined;
}

function timeParam(params: URLSearchParams, key: string): Date | undefined {
  const value = singleParam(params, key);
  if (value === undefined) return undefined;
  const time = rfc3339.test(value) && isCalendarDate(value) ? new Date(value) : undefined;
  if (!time || Number.isNaN(time.getTime())) {
    throw badRequest(`${key}="${value}" is not a valid time: use RFC 3339, e.g. 2025-01-31T12:00:00Z`);
  }
  return time;
}

/** Date.parse rolls 2025-02-30 over into March: a day past the month's end is refused here. */
function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
