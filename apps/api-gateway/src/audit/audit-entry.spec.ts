import { expect } from 'chai';
import { newEnvelope, ResourceCreated, ResourceDeleted, ResourceUpdated, ResourceUpserted, type Envelope } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import { auditEntryOf, userOfActor, type AuditEntry } from './audit-entry.js';
import { auditEntryOfRow, auditRowOf } from './audit-entry-row.js';

const time = '2025-03-01T10:00:00.123Z';
const ids = { id: 'event-1', time, actor: 'user:alice', correlationId: 'request-1', causationId: 'request-1' };
const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default', uid: 'uid-1' }, data: { a: '1' } };
const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team', uid: 'uid-2' } };
const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'default', uid: 'uid-3' }, type: 'Opaque' };
const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'prod', uid: 'uid-4' }, spec: { replicas: 3 } };
const core = (resource: string) => ({ group: '', version: 'v1', resource });

function stored(envelope: Envelope, seq: number): StoredEvent {
  return { ...envelope, seq };
}

const entry = (fields: Partial<AuditEntry>): AuditEntry => ({
  resourceVersion: '7',
  time,
  user: 'alice',
  requestId: 'request-1',
  eventId: 'event-1',
  verb: 'create',
  group: '',
  version: 'v1',
  resource: 'configmaps',
  kind: 'ConfigMap',
  namespace: 'default',
  name: 'app',
  uid: 'uid-1',
  ...fields,
});

describe('audit entry of an event', () => {
  const cases: { name: string; event: StoredEvent; want: AuditEntry | undefined }[] = [
    {
      name: 'a create names the object, the user and the request',
      event: stored(newEnvelope(ResourceCreated, { ...ids, subject: 't', data: { resource: core('configmaps'), object: configMap } }), 7),
      want: entry({}),
    },
    {
      name: 'an update by a system identity keeps the identity',
      event: stored(newEnvelope(ResourceUpdated, { ...ids, actor: 'system:policy-svc', correlationId: 'request-0', subject: 't', data: { resource: core('configmaps'), object: configMap } }), 9),
      want: entry({ resourceVersion: '9', verb: 'update', user: 'system:policy-svc', requestId: 'request-0' }),
    },
    {
      name: 'a write through the scale subresource says so',
      event: stored(
        newEnvelope(ResourceUpdated, { ...ids, subject: 't', data: { resource: { group: 'apps', version: 'v1', resource: 'deployments' }, object: deployment, subresource: 'scale' } }),
        11,
      ),
      want: entry({ resourceVersion: '11', verb: 'update', subresource: 'scale', group: 'apps', resource: 'deployments', kind: 'Deployment', namespace: 'prod', name: 'web', uid: 'uid-4' }),
    },
    {
      name: 'a delete of a cluster-scoped object has no namespace',
      event: stored(newEnvelope(ResourceDeleted, { ...ids, subject: 't', data: { resource: core('namespaces'), object: namespace } }), 12),
      want: (({ namespace: _none, ...rest }) => rest)(entry({ resourceVersion: '12', verb: 'delete', resource: 'namespaces', kind: 'Namespace', name: 'team', uid: 'uid-2' })),
    },
    {
      name: 'a Secret is named, its sealed reference and digest are not carried',
      event: stored(
        newEnvelope(ResourceCreated, { ...ids, subject: 't', data: { resource: core('secrets'), object: secret, sealedData: { ref: 'ref-1', digest: 'digest-1', keys: ['password'] } } }),
        13,
      ),
      want: entry({ resourceVersion: '13', resource: 'secrets', kind: 'Secret', name: 'db', uid: 'uid-3' }),
    },
    {
      name: 'other event types are not audit entries',
      event: stored(newEnvelope(ResourceUpserted, { ...ids, subject: 't', data: { resource: core('configmaps'), object: configMap } }), 14),
      want: undefined,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = auditEntryOf(c.event);
      expect(got).to.deep.equal(c.want);
      if (got) expect(auditEntryOfRow({ ...auditRowOf(got), seq: got.resourceVersion })).to.deep.equal(got);
    });
  }

  it('stores a row that parses back from what Postgres returns (bigint as text, timestamptz as Date)', () => {
    const got = entry({ subresource: 'status' });
    expect(auditEntryOfRow({ ...auditRowOf(got), seq: '7', time: new Date(time) })).to.deep.equal(got);
  });

  const actors: { actor: string; user: string }[] = [
    { actor: 'user:alice', user: 'alice' },
    { actor: 'system:api-gateway', user: 'system:api-gateway' },
    { actor: 'user:user:odd', user: 'user:odd' },
  ];
  for (const a of actors) it(`the user of actor ${a.actor} is ${a.user}`, () => expect(userOfActor(a.actor)).to.equal(a.user));
});
