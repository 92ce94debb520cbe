import { expect } from 'chai';
import { coreEvents } from './core-events.js';
import { causedBy, encodeEnvelope, newEnvelope, type Envelope } from './envelope.js';
import { EnvelopeDecodeError, EventRegistry } from './event-registry.js';
import { defineEventType } from './event-type.js';
import { PlacementDecided } from './events/propagation-events.js';
import { ResourceUpserted, type KubeObjectJson } from './events/resource-events.js';

const object: KubeObjectJson = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
};

const v1Placement = {
  binding: { kind: 'ResourceBinding', namespace: 'default', name: 'web', uid: 'u1' },
  observedBindingSeq: 3,
  clusters: [{ name: 'm1', replicas: 1 }],
  gracefulEvictionTasks: [],
  scheduledCondition: {},
  explanation: [{ cluster: 'm1', score: 0, assignedReplicas: 1 }, { cluster: 'm2', rejectedBy: { plugin: 'ClusterAffinity', reasons: ['no match'] } }],
};

function raw(fields: Partial<Record<keyof Envelope, unknown>>): Record<string, unknown> {
  return {
    id: 'e1',
    type: 'ResourceUpserted',
    subject: 'karmada.template.deployments~2eapps.default.web',
    time: '2026-01-01T00:00:00.000Z',
    actor: 'user:alice',
    correlationId: 'req-1',
    causationId: 'req-1',
    version: 2,
    data: {},
    ...fields,
  };
}

describe('event registry: decoding and upcasting', () => {
  const decoded: { name: string; input: unknown; expected: Partial<Envelope> }[] = [
    {
      name: 'a v1 ResourceUpserted is upcast to v2 (apiVersion split into group and version)',
      input: raw({ version: 1, data: { apiVersion: 'apps/v1', plural: 'deployments', object } }),
      expected: { version: 2, data: { resource: { group: 'apps', version: 'v1', resource: 'deployments' }, object } },
    },
    {
      name: 'a v1 core-group ResourceUpserted gets the empty group',
      input: raw({ version: 1, data: { apiVersion: 'v1', plural: 'configmaps', object } }),
      expected: { version: 2, data: { resource: { group: '', version: 'v1', resource: 'configmaps' }, object } },
    },
    {
      name: 'a current-version event is returned unchanged',
      input: raw({ data: { resource: { group: 'apps', version: 'v1', resource: 'deployments' }, object } }),
      expected: { version: 2, data: { resource: { group: 'apps', version: 'v1', resource: 'deployments' }, object } },
    },
    {
      name: 'an unknown type decodes to a generic envelope',
      input: raw({ type: 'SomethingNew', version: 7, data: { anything: true } }),
      expected: { type: 'SomethingNew', version: 7, data: { anything: true } },
    },
    {
      name: 'JSON text is parsed',
      input: JSON.stringify(raw({ type: 'Other', version: 1, data: 1 })),
      expected: { type: 'Other', data: 1 },
    },
    {
      name: 'UTF-8 bytes are parsed',
      input: new TextEncoder().encode(JSON.stringify(raw({ type: 'Other', version: 1, data: 'é' }))),
      expected: { type: 'Other', data: 'é' },
    },
  ];
  for (const c of decoded) {
    it(c.name, () => {
      expect(coreEvents.decode(c.input)).to.deep.include(c.expected);
    });
  }

  const rejected: { name: string; input: unknown; retryable: boolean }[] = [
    { name: 'text that is not JSON', input: '{nope', retryable: false },
    { name: 'a JSON array', input: '[]', retryable: false },
    { name: 'a missing id', input: raw({ id: undefined }), retryable: false },
    { name: 'an empty subject', input: raw({ subject: '' }), retryable: false },
    { name: 'a non-integer version', input: raw({ version: 1.5 }), retryable: false },
    { name: 'missing data', input: (({ data: _omitted, ...rest }) => rest)(raw({})), retryable: false },
    { name: 'a schema version newer than this process knows', input: raw({ version: 3 }), retryable: true },
  ];
  for (const c of rejected) {
    it(`rejects ${c.name} (retryable: ${c.retryable})`, () => {
      expect(() => coreEvents.decode(c.input))
        .to.throw(EnvelopeDecodeError)
        .with.property('retryable', c.retryable);
    });
  }

  it('chains upcasters across several versions and hands them the envelope', () => {
    const Renamed = defineEventType<'Renamed', { fullName: string; at: string }>('Renamed', {
      version: 3,
      upcasters: {
        1: (v1: { first: string; last: string }) => ({ name: `${v1.first} ${v1.last}` }),
        2: (v2: { name: string }, envelope: Envelope) => ({ fullName: v2.name, at: envelope.time }),
      },
    });
    const registry = new EventRegistry([Renamed]);
    const result = registry.decode(raw({ type: 'Renamed', version: 1, data: { first: 'Ada', last: 'Lovelace' } }));
    expect(result).to.deep.include({ version: 3, data: { fullName: 'Ada Lovelace', at: '2026-01-01T00:00:00.000Z' } });
    expect(Renamed.is(result)).to.equal(true);
  });

  it('refuses to decode a version with no upcaster', () => {
    const Gap = defineEventType<'Gap', unknown>('Gap', { version: 3, upcasters: { 2: (d: unknown) => d } });
    expect(() => new EventRegistry([Gap]).decode(raw({ type: 'Gap', version: 1 })))
      .to.throw(EnvelopeDecodeError)
      .with.property('retryable', false);
  });

  it('rejects nonsensical definitions', () => {
    expect(() => defineEventType('Bad', { version: 0 })).to.throw();
    expect(() => defineEventType('Bad', { version: 2, upcasters: { 2: (d: unknown) => d } })).to.throw();
  });

  it('reads a v1 PlacementDecided (its rejected clusters inline in the explanation) as v2, unchanged', () => {
    const decoded = coreEvents.with([PlacementDecided]).decode(raw({ type: 'PlacementDecided', subject: 'karmada.placement.default.web', version: 1, data: v1Placement }));
    expect(decoded).to.deep.include({ type: 'PlacementDecided', version: 2, data: v1Placement });
  });

  it('extends a registry with more types and refuses a second definition of one name', () => {
    const Extra = defineEventType<'Extra', number>('Extra', { version: 1 });
    const extended = coreEvents.with([Extra]);
    expect(extended.typeNames()).to.include.members(['ResourceUpserted', 'Extra']);
    expect(coreEvents.get('Extra')).to.equal(undefined);
    expect(() => extended.with([defineEventType('Extra', { version: 2, upcasters: {} })])).to.throw(/twice/);
  });
});

describe('envelope builders', () => {
  const data = { resource: { group: 'apps', version: 'v1', resource: 'deployments' }, object };
  const subject = 'karmada.template.deployments~2eapps.default.web';

  it('newEnvelope takes the type and current schema version from the definition', () => {
    const envelope = newEnvelope(ResourceUpserted, {
      id: 'req-1',
      correlationId: 'req-1',
      causationId: 'req-1',
      subject,
      data,
      time: '2026-01-01T00:00:00.000Z',
      actor: 'user:alice',
    });
    expect(envelope).to.deep.include({ type: 'ResourceUpserted', version: 2, id: 'req-1' });
  });

  it('causedBy derives a deterministic id and carries the correlation id forward', () => {
    const cause = { id: 'event-7', correlationId: 'req-1' };
    const fields = { subject, data, time: '2026-01-01T00:00:00.000Z', actor: 'system:policy-svc' };
    const first = causedBy(cause, ResourceUpserted, fields);
    const retry = causedBy(cause, ResourceUpserted, fields);
    const other = causedBy(cause, ResourceUpserted, { ...fields, discriminator: 'second' });
    expect(first.id).to.equal(retry.id);
    expect(other.id).not.to.equal(first.id);
    expect(first).to.deep.include({ correlationId: 'req-1', causationId: 'event-7' });
  });

  describe('encodeEnvelope', () => {
    const envelope = causedBy({ id: 'event-7', correlationId: 'req-1' }, ResourceUpserted, {
      subject,
      data: { ...data, object: { ...object, metadata: { ...object.metadata, annotations: { note: 'é, a quote \" and a newline \n' } } } },
      time: '2026-01-01T00:00:00.000Z',
      actor: 'system:policy-svc',
    });
    const cases: { name: string; body: () => string }[] = [
      { name: 'encoding the data itself', body: () => encodeEnvelope(envelope) },
      { name: 'with the JSON of the data given', body: () => encodeEnvelope(envelope, JSON.stringify(envelope.data)) },
    ];
    for (const c of cases) {
      it(`${c.name}: the body decodes to the envelope`, () => {
        expect(JSON.parse(c.body())).to.deep.equal(envelope);
        expect(coreEvents.decode(c.body())).to.deep.equal(envelope);
      });
    }

    it('uses the given JSON as it is, without encoding the data again', () => {
      const body = encodeEnvelope(envelope, '{"given":true}');
      expect(JSON.parse(body)).to.deep.equal({ ...envelope, data: { given: true } });
    });
  });
});
