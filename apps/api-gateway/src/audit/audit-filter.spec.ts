import { expect } from 'chai';
import { badRequestOf } from '../../test/bad-request.js';
import type { AuditEntry } from './audit-entry.js';
import { auditFilterParams, matchesAuditFilter, parseAuditFilter, type AuditFilter } from './audit-filter.js';

describe('audit filter', () => {
  const parsed: { name: string; query: string; want: AuditFilter }[] = [
    { name: 'nothing given', query: '', want: {} },
    { name: 'empty values count as absent', query: 'user=&namespace=', want: {} },
    {
      name: 'every equality',
      query: 'user=alice&kind=ConfigMap&resource=configmaps&namespace=default&name=app',
      want: { user: 'alice', kind: 'ConfigMap', resource: 'configmaps', namespace: 'default', name: 'app' },
    },
    { name: 'a group-qualified resource', query: 'resource=deployments.apps', want: { resource: 'deployments', group: 'apps' } },
    { name: 'a group with dots', query: 'resource=propagationpolicies.policy.karmada.io', want: { resource: 'propagationpolicies', group: 'policy.karmada.io' } },
    {
      name: 'a time range with an offset and fractions',
      query: 'since=2025-01-31T12:00:00Z&until=2025-01-31T14:00:00.5%2B01:00',
      want: { since: new Date('2025-01-31T12:00:00Z'), until: new Date('2025-01-31T13:00:00.500Z') },
    },
    { name: 'since equal to until', query: 'since=2025-01-31T12:00:00Z&until=2025-01-31T12:00:00Z', want: { since: new Date('2025-01-31T12:00:00Z'), until: new Date('2025-01-31T12:00:00Z') } },
  ];
  for (const c of parsed) it(`parses ${c.name}`, () => expect(parseAuditFilter(new URLSearchParams(c.query), auditFilterParams)).to.deep.equal(c.want));

  const refused: { name: string; query: string; message: RegExp }[] = [
    { name: 'an unknown parameter', query: 'usr=alice', message: /unknown query parameter "usr": use user, kind, resource, namespace, name, since, until/ },
    { name: 'a parameter twice', query: 'user=a&user=b', message: /"user" is given 2 times/ },
    { name: 'a time that is not RFC 3339', query: 'since=yesterday', message: /since="yesterday" is not a valid time: use RFC 3339/ },
    { name: 'a date without a time', query: 'until=2025-01-31', message: /until="2025-01-31" is not a valid time/ },
    { name: 'a time without an offset', query: 'since=2025-01-31T12:00:00', message: /since=.* is not a valid time/ },
    { name: 'a day past the end of its month', query: 'since=2025-02-30T00:00:00Z', message: /since=.* is not a valid time/ },
    { name: 'an hour out of range', query: 'since=2025-02-01T25:00:00Z', message: /since=.* is not a valid time/ },
    { name: 'since after until', query: 'since=2025-02-01T00:00:00Z&until=2025-01-01T00:00:00Z', message: /since \(2025-02-01T00:00:00.000Z\) must not be after until/ },
  ];
  for (const c of refused) {
    it(`refuses ${c.name}`, () => expect(badRequestOf(() => parseAuditFilter(new URLSearchParams(c.query), auditFilterParams))).to.match(c.message));
  }

  const entry: AuditEntry = {
    resourceVersion: '5',
    time: '2025-01-31T12:00:00.000Z',
    user: 'alice',
    requestId: 'r',
    eventId: 'e',
    verb: 'create',
    group: 'apps',
    version: 'v1',
    resource: 'deployments',
    kind: 'Deployment',
    namespace: 'default',
    name: 'web',
  };
  const clusterScoped: AuditEntry = { ...entry, group: '', resource: 'namespaces', kind: 'Namespace', name: 'team', namespace: undefined };
  const matching: { name: string; filter: AuditFilter; entry?: AuditEntry; want: boolean }[] = [
    { name: 'the empty filter passes everything', filter: {}, want: true },
    { name: 'same user', filter: { user: 'alice' }, want: true },
    { name: 'another user', filter: { user: 'bob' }, want: false },
    { name: 'same kind', filter: { kind: 'Deployment' }, want: true },
    { name: 'kinds are case-sensitive', filter: { kind: 'deployment' }, want: false },
    { name: 'resource in any group', filter: { resource: 'deployments' }, want: true },
    { name: 'resource in its group', filter: { resource: 'deployments', group: 'apps' }, want: true },
    { name: 'resource in another group', filter: { resource: 'deployments', group: 'extensions' }, want: false },
    { name: 'namespace and name', filter: { namespace: 'default', name: 'web' }, want: true },
    { name: 'another namespace', filter: { namespace: 'prod' }, want: false },
    { name: 'a namespace filter skips cluster-scoped objects', filter: { namespace: 'default' }, entry: clusterScoped, want: false },
    { name: 'since is inclusive', filter: { since: new Date('2025-01-31T12:00:00Z') }, want: true },
    { name: 'before since', filter: { since: new Date('2025-01-31T12:00:00.001Z') }, want: false },
    { name: 'until is exclusive', filter: { until: new Date('2025-01-31T12:00:00Z') }, want: false },
    { name: 'before until', filter: { until: new Date('2025-01-31T12:00:00.001Z') }, want: true },
  ];
  for (const c of matching) it(`matching: ${c.name}`, () => expect(matchesAuditFilter(c.filter, c.entry ?? entry)).to.equal(c.want));
});
