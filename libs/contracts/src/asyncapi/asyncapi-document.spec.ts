import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import * as contracts from '../index.js';
import type { EventType } from '../event-type.js';
import { Subjects } from '../subjects.js';
import { asyncApiDocument, asyncApiYaml, channelAddress } from './asyncapi-document.js';
import { eventChannels } from './channels.js';
import { eventDataSchemas } from './data-schemas.js';
import type { JsonSchema } from './json-schema.js';

const committedFile = fileURLToPath(new URL('../../../../docs/asyncapi.yaml', import.meta.url));

/** Every event type this library defines: the exports that are event type definitions. */
const definedEventTypes = (Object.values(contracts) as unknown[]).filter(
  (value): value is EventType => typeof value === 'object' && value !== null && 'type' in value && 'upcasters' in value && 'is' in value,
);

/** Every `$ref` in a JSON value, with where it was found. */
function refsIn(value: unknown, at = '#'): { ref: string; at: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => refsIn(item, `${at}/${i}`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => (key === '$ref' ? [{ ref: child as string, at }] : refsIn(child, `${at}/${key}`)));
}

function resolvePointer(document: unknown, pointer: string): unknown {
  return pointer
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, token) => (node as Record<string, unknown> | undefined)?.[token.replace(/~1/g, '/').replace(/~0/g, '~')], document);
}

/** Every object schema (with `properties`) inside a schema. */
function objectSchemasIn(schema: unknown, at: string): { schema: JsonSchema; at: string }[] {
  if (Array.isArray(schema)) return schema.flatMap((item, i) => objectSchemasIn(item, `${at}/${i}`));
  if (typeof schema !== 'object' || schema === null) return [];
  const own = 'properties' in schema ? [{ schema: schema as JsonSchema, at }] : [];
  return [...own, ...Object.entries(schema).flatMap(([key, child]) => objectSchemasIn(child, `${at}/${key}`))];
}

describe('AsyncAPI document of the event log', () => {
  const document = asyncApiDocument() as {
    channels: Record<string, { address: string; messages: Record<string, unknown> }>;
    operations: Record<string, { messages: { $ref: string }[] }>;
    components: { messages: Record<string, unknown>; schemas: Record<string, JsonSchema> };
  };

  it('finds the event types of the library (the check below cannot pass vacuously)', () => {
    expect(definedEventTypes.map((t) => t.type)).to.include.members(['ResourceCreated', 'DeadLettered', 'PlacementDecided', 'ClusterStatusCollected']);
  });

  it('gives every event type a channel, exactly one, and a data schema', () => {
    const registered = new Set([
      ...definedEventTypes.map((t) => t.type),
      ...contracts.coreEvents.typeNames(),
      ...contracts.propagationEventTypes.map((t) => t.type),
    ]);
    for (const type of registered) {
      const channels = eventChannels.filter((c) => c.events.some((e) => e.type.type === type));
      expect(channels, `channels of ${type}`).to.have.length(1);
      expect(eventDataSchemas, `data schema of ${type}`).to.have.property(type);
      expect(document.components.messages, `message of ${type}`).to.have.property(type);
    }
  });

  it('has a data schema only for event types that exist', () => {
    const known = new Set(definedEventTypes.map((t) => t.type));
    expect(Object.keys(eventDataSchemas).filter((type) => !known.has(type))).to.deep.equal([]);
  });

  it('matches docs/asyncapi.yaml (regenerate with `node scripts/write-asyncapi.mjs`)', () => {
    const committed = readFileSync(committedFile, 'utf8');
    if (committed !== asyncApiYaml()) expect.fail('docs/asyncapi.yaml is stale: run `node scripts/write-asyncapi.mjs` and commit the result');
  });

  it('round-trips through YAML', () => {
    expect(parse(asyncApiYaml())).to.deep.equal(JSON.parse(JSON.stringify(document)));
  });

  it('resolves every $ref', () => {
    for (const { ref, at } of refsIn(document)) expect(resolvePointer(document, ref), `${ref} at ${at}`).not.to.equal(undefined);
  });

  it('requires only properties its object schemas declare', () => {
    for (const { schema, at } of objectSchemasIn(document.components.schemas, '#/components/schemas')) {
      const properties = Object.keys(schema['properties'] as object);
      expect(properties, `required of ${at}`).to.include.members((schema['required'] as string[] | undefined) ?? []);
    }
  });

  it('describes the envelope exactly as newEnvelope builds it', () => {
    const envelope = contracts.newEnvelope(contracts.ResourceCreated, {
      id: 'e1',
      correlationId: 'r1',
      causationId: 'r1',
      subject: 'karmada.template.configmaps.default.a',
      time: '2026-01-01T00:00:00.000Z',
      actor: 'user:alice',
      data: { resource: { group: '', version: 'v1', resource: 'configmaps' }, object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } } },
    });
    const schema = document.components.schemas['Envelope']!;
    expect(Object.keys(schema['properties'] as object)).to.have.members(Object.keys(envelope));
    expect(schema['required']).to.have.members(Object.keys(envelope));
  });

  const addresses: { aggregate: string; address: string; values: Record<string, string>; subject: (s: Subjects) => string }[] = [
    {
      aggregate: 'template',
      address: '{instance}.template.{resource}.{namespace}.{name}',
      values: { resource: 'deployments~2eapps', namespace: 'default', name: 'web~2ev1' },
      subject: (s) => s.template({ group: 'apps', resource: 'deployments' }, 'default', 'web.v1'),
    },
    {
      aggregate: 'clusterstatus',
      address: '{instance}.clusterstatus._.{name}',
      values: { name: 'member1' },
      subject: (s) => s.clusterStatus('member1'),
    },
    {
      aggregate: 'finalizer',
      address: '{instance}.finalizer.{service}.{resource}.{namespace}.{name}',
      values: { service: 'policy-svc', resource: 'configmaps', namespace: '_', name: 'cm' },
      subject: (s) => s.finalizer('policy-svc', { group: '', resource: 'configmaps' }, undefined, 'cm'),
    },
    {
      aggregate: 'binding',
      address: '{instance}.binding.{namespace}.{name}',
      values: { namespace: 'default', name: 'web-deployment' },
      subject: (s) => s.binding('default', 'web-deployment'),
    },
    {
      aggregate: 'workstatus',
      address: '{instance}.workstatus.{namespace}.{name}',
      values: { namespace: 'karmada-es-member1', name: 'w' },
      subject: (s) => s.workStatus('karmada-es-member1', 'w'),
    },
    {
      aggregate: 'deadletter',
      address: '{instance}.deadletter.{durable}',
      values: { durable: 'policy-svc-detector' },
      subject: (s) => s.deadLetter('policy-svc-detector'),
    },
  ];
  for (const c of addresses) {
    it(`${c.aggregate}: address ${c.address} is the Subjects builder's layout`, () => {
      const channel = eventChannels.find((ch) => ch.aggregate === c.aggregate)!;
      expect(channelAddress(channel)).to.equal(c.address);
      expect(document.channels[c.aggregate]!.address).to.equal(c.address);
      const filled = c.address.replace(/\{(\w+)\}/g, (_, name: string) => (name === 'instance' ? 'dev-1' : c.values[name]!));
      expect(filled).to.equal(c.subject(new Subjects('dev-1')));
    });
  }

  it('lets each operation send only messages of its channel', () => {
    for (const [name, operation] of Object.entries(document.operations)) {
      for (const { $ref } of operation.messages) {
        expect($ref, name).to.match(/^#\/channels\/[a-z]+\/messages\/[A-Za-z]+$/);
        expect(resolvePointer(document, $ref), `${name}: ${$ref}`).not.to.equal(undefined);
      }
    }
  });
});
