import { expect } from 'chai';
import { auditPageSql } from './audit-entries-sql.js';
import type { AuditListQuery } from './audit-list-query.js';

const select = 'SELECT seq, time, username, request_id, event_id, verb, subresource, api_group, api_version, resource, kind, namespace, name, uid FROM audit_entries';

describe('audit page SQL', () => {
  const cases: { name: string; query: AuditListQuery; sql: string; params: unknown[] }[] = [
    { name: 'no filter: the newest page', query: { filter: {}, limit: 100 }, sql: `${select} ORDER BY seq DESC LIMIT $1`, params: [101] },
    {
      name: 'every filter and a continue position',
      query: {
        filter: { user: 'bob', kind: 'Deployment', resource: 'deployments', group: 'apps', namespace: 'prod', name: 'web', since: new Date('2025-01-01T00:00:00Z'), until: new Date('2025-02-01T00:00:00Z') },
        limit: 2,
        before: 40,
      },
      sql:
        `${select} WHERE username = $1 AND kind = $2 AND resource = $3 AND api_group = $4 AND namespace = $5 AND name = $6` +
        ' AND time >= $7 AND time < $8 AND seq < $9 ORDER BY seq DESC LIMIT $10',
      params: ['bob', 'Deployment', 'deployments', 'apps', 'prod', 'web', '2025-01-01T00:00:00.000Z', '2025-02-01T00:00:00.000Z', 40, 3],
    },
    { name: 'a resource in any group', query: { filter: { resource: 'configmaps' }, limit: 1 }, sql: `${select} WHERE resource = $1 ORDER BY seq DESC LIMIT $2`, params: ['configmaps', 2] },
  ];
  for (const c of cases) it(c.name, () => expect(auditPageSql(c.query)).to.deep.equal({ sql: c.sql, params: c.params }));
});
