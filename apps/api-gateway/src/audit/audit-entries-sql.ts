import type { AuditListQuery } from './audit-list-query.js';

/** The columns of an audit_entries row, as the projection writes them (`seq` is added by the writer). */
export const auditEntryColumns = ['seq', 'time', 'username', 'request_id', 'event_id', 'verb', 'subresource', 'api_group', 'api_version', 'resource', 'kind', 'namespace', 'name', 'uid'] as const;

/**
 * The SELECT of one `/audit` page: the filter's equalities and time bounds, below the continue position, newest
 * first, one row more than the limit (its presence says another page follows).
 */
export function auditPageSql(query: AuditListQuery): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const conditions: string[] = [];
  const where = (column: string, operator: string, value: unknown) => {
    params.push(value);
    conditions.push(`${column} ${operator} $${params.length}`);
  };
  const { filter } = query;
  if (filter.user !== undefined) where('username', '=', filter.user);
  if (filter.kind !== undefined) where('kind', '=', filter.kind);
  if (filter.resource !== undefined) where('resource', '=', filter.resource);
  if (filter.group !== undefined) where('api_group', '=', filter.group);
  if (filter.namespace !== undefined) where('namespace', '=', filter.namespace);
  if (filter.name !== undefined) where('name', '=', filter.name);
  if (filter.since) where('time', '>=', filter.since.toISOString());
  if (filter.until) where('time', '<', filter.until.toISOString());
  if (query.before !== undefined) where('seq', '<', query.before);
  params.push(query.limit + 1);
  const sql = [
    `SELECT ${auditEntryColumns.join(', ')} FROM audit_entries`,
    ...(conditions.length > 0 ? [`WHERE ${conditions.join(' AND ')}`] : []),
    `ORDER BY seq DESC LIMIT $${params.length}`,
  ].join(' ');
  return { sql, params };
}
