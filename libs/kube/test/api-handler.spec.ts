import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createBuiltinRegistry,
  createKubeApiHandler,
  installBuiltinHooks,
  installCustomResourceDefinitions,
  MemoryResourceStore,
  ResourceRegistry,
  ResourceService,
  versionInfo,
} from '../src/index.js';

/** The node:http handler mounted under a prefix, over the memory store, exercised with plain HTTP. */
describe('Kubernetes API handler', function () {
  this.timeout(10_000);
  let server: Server;
  let base: string;
  let service: ResourceService;

  before(async () => {
    const store = new MemoryResourceStore({ historyLimit: 50 });
    service = new ResourceService({ registry: new ResourceRegistry(createBuiltinRegistry()), store, clock: () => new Date('2026-11-25T10:00:00.500Z') });
    installBuiltinHooks(service);
    installCustomResourceDefinitions(service);
    const handler = createKubeApiHandler({ service, version: versionInfo('v1.32.4'), maxBodyBytes: 64 * 1024 });
    server = createServer((req, res) => {
      if (req.url?.startsWith('/k8s/')) void handler(req, res, req.url.slice('/k8s'.length));
      else res.writeHead(418).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/k8s`;
    for (const name of ['default', 'team']) await call('POST', '/api/v1/namespaces', { metadata: { name } });
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ code: number; body: any; headers: Headers }> {
    const init: RequestInit = { method, headers: { 'content-type': 'application/json', ...headers } };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const res = await fetch(`${base}${path}`, init);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // plain text bodies (/readyz) and empty ones (/openapi/v2)
    }
    return { code: res.status, body: parsed, headers: res.headers };
  }

  const deployment = (name: string, extra: Record<string, unknown> = {}) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name }, ...extra },
    spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    status: { replicas: 99 },
  });

  it('serves version, health, empty OpenAPI v2 and discovery', async () => {
    expect((await call('GET', '/version')).body).to.include({ major: '1', minor: '32', gitVersion: 'v1.32.4' });
    expect(await call('GET', '/readyz')).to.include({ code: 200, body: 'ok' });
    const openapi = await call('GET', '/openapi/v2');
    expect([openapi.code, openapi.body, openapi.headers.get('content-type')]).to.deep.equal([200, '', 'application/octet-stream']);
    expect((await call('GET', '/api')).body).to.include({ kind: 'APIVersions' });
    const groups = (await call('GET', '/apis')).body;
    expect(groups.groups.map((g: { name: string }) => g.name)).to.include.members(['apps', 'batch', 'apiextensions.k8s.io']);
    const apps = (await call('GET', '/apis/apps/v1')).body;
    expect(apps.resources.map((r: { name: string }) => r.name)).to.include.members(['deployments', 'deployments/status', 'deployments/scale']);
    const aggregated = await call('GET', '/apis', undefined, { accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' });
    expect(aggregated.headers.get('content-type')).to.equal('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    expect(aggregated.body.kind).to.equal('APIGroupDiscoveryList');
    expect((await call('GET', '/apis/nope/v1')).code).to.equal(404);
  });

  it('create sets uid, creationTimestamp and generation, resets status, and needs the namespace', async () => {
    const created = await call('POST', '/apis/apps/v1/namespaces/team/deployments', deployment('gen'));
    expect(created.code).to.equal(201);
    expect(created.body.metadata).to.include({ name: 'gen', namespace: 'team', generation: 1, creationTimestamp: '2026-11-25T10:00:00Z' });
    expect(created.body.metadata.uid).to.match(/^[0-9a-f-]{36}$/);
    expect(created.body.status).to.deep.equal({});
    const cm = await call('POST', '/api/v1/namespaces/team/configmaps', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: yaml}\ndata: {a: b}\n', { 'content-type': 'application/yaml' });
    expect(cm.code).to.equal(201);
    expect(cm.body.metadata.generation).to.equal(undefined);
    const missing = await call('POST', '/api/v1/namespaces/nope/configmaps', { metadata: { name: 'x' } });
    expect([missing.code, missing.body.message]).to.deep.equal([404, 'namespaces "nope" not found']);
    const again = await call('POST', '/apis/apps/v1/namespaces/team/deployments', deployment('gen'));
    expect([again.code, again.body.reason]).to.deep.equal([409, 'AlreadyExists']);
  });

  it('rejects invalid objects with 422 causes, and bad bodies with 400/413/415', async () => {
    const invalid = await call('POST', '/apis/apps/v1/namespaces/team/deployments', { ...deployment('Bad_Name'), spec: { selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'y' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } } });
    expect(invalid.code).to.equal(422);
    expect(invalid.body.message).to.match(/^Deployment\.apps "Bad_Name" is invalid: \[metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
    expect(invalid.body.details.causes.map((c: { field: string }) => c.field)).to.deep.equal(['metadata.name', 'spec.template.metadata.labels']);
    expect((await call('POST', '/api/v1/namespaces/team/configmaps', '{"metadata":')).code).to.equal(400);
    expect((await call('POST', '/api/v1/namespaces/team/configmaps', { metadata: { name: 'big' }, data: { a: 'x'.repeat(70_000) } })).code).to.equal(413);
    expect((await call('POST', '/api/v1/namespaces/team/configmaps', '{}', { 'content-type': 'application/cbor' })).code).to.equal(415);
    expect((await call('GET', '/api/v1/namespaces/team/pods?fieldSelector=spec.bogus%3Dx')).body.message).to.equal('field label not supported: spec.bogus');
  });

  it('update: 409 on a stale resourceVersion; status ignored on the main resource, only status on /status; generation rules', async () => {
    const created = (await call('POST', '/apis/apps/v1/namespaces/team/deployments', deployment('upd'))).body;
    const stale = await call('PUT', '/apis/apps/v1/namespaces/team/deployments/upd', { ...created, metadata: { ...created.metadata, resourceVersion: '1' } });
    expect([stale.code, stale.body.reason]).to.deep.equal([409, 'Conflict']);
    const labelled = (await call('PUT', '/apis/apps/v1/namespaces/team/deployments/upd', { ...created, metadata: { ...created.metadata, labels: { a: 'b' } }, status: { replicas: 5 } })).body;
    expect([labelled.metadata.generation, labelled.status]).to.deep.equal([1, {}]);
    const annotated = await call('PATCH', '/apis/apps/v1/namespaces/team/deployments/upd', { metadata: { annotations: { x: '1' } } }, { 'content-type': 'application/merge-patch+json' });
    expect(annotated.body.metadata.generation).to.equal(2);
    const status = await call('PATCH', '/apis/apps/v1/namespaces/team/deployments/upd/status', { spec: { replicas: 7 }, status: { replicas: 3 } }, { 'content-type': 'application/merge-patch+json' });
    expect([status.body.spec.replicas, status.body.status.replicas, status.body.metadata.generation]).to.deep.equal([1, 3, 2]);
    const missing = await call('PUT', '/apis/apps/v1/namespaces/team/deployments/none', deployment('none'));
    expect(missing.code).to.equal(404);
    const scale = await call('PATCH', '/apis/apps/v1/namespaces/team/deployments/upd/scale', { spec: { replicas: 4 } }, { 'content-type': 'application/merge-patch+json' });
    expect(scale.body).to.deep.include({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 4 } });
    const jsonPatch = await call('PATCH', '/apis/apps/v1/namespaces/team/deployments/upd', [{ op: 'test', path: '/spec/replicas', value: 9 }], { 'content-type': 'application/json-patch+json' });
    expect([jsonPatch.code, jsonPatch.body.reason]).to.deep.equal([422, 'Invalid']);
  });

  it('lists as a Table with PartialObjectMetadata rows and the list resourceVersion', async () => {
    const table = await call('GET', '/apis/apps/v1/namespaces/team/deployments?limit=500', undefined, { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
    expect(table.body.kind).to.equal('Table');
    expect(table.body.columnDefinitions.map((c: { name: string }) => c.name).slice(0, 5)).to.deep.equal(['Name', 'Ready', 'Up-to-date', 'Available', 'Age']);
    expect(table.body.metadata.resourceVersion).to.match(/^\d+$/);
    expect(table.body.rows[0].object).to.deep.include({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1' });
    const selected = await call('GET', '/apis/apps/v1/deployments?labelSelector=app%3Dgen');
    expect(selected.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).to.deep.equal(['gen']);
  });

  it('watch streams NDJSON from a resourceVersion; one-row Tables carry column definitions only first', async () => {
    const rv = (await call('GET', '/api/v1/namespaces/team/configmaps')).body.metadata.resourceVersion;
    const controller = new AbortController();
    const res = await fetch(`${base}/api/v1/namespaces/team/configmaps?watch=true&resourceVersion=${rv}`, {
      signal: controller.signal,
      headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' },
    });
    expect(res.status).to.equal(200);
    await call('POST', '/api/v1/namespaces/team/configmaps', { metadata: { name: 'w1' } });
    await call('DELETE', '/api/v1/namespaces/team/configmaps/w1');
    const reader = res.body!.getReader();
    let text = '';
    while (text.split('\n').length < 3) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const events = text.trim().split('\n').map((l) => JSON.parse(l));
    expect(events.map((e) => e.type)).to.deep.equal(['ADDED', 'DELETED']);
    expect(events[0].object.kind).to.equal('Table');
    expect(events[0].object.columnDefinitions).to.be.an('array');
    expect(events[1].object.columnDefinitions).to.equal(null);
    expect(events[1].object.rows[0].cells[0]).to.equal('w1');
  });

  it('a watch from a compacted version gets a 410 ERROR event', async () => {
    for (let i = 0; i < 80; i++) await call('POST', '/api/v1/namespaces/team/configmaps', { metadata: { name: `c${i}` } });
    const res = await call('GET', '/api/v1/namespaces/team/configmaps?watch=1&resourceVersion=1');
    expect(res.code).to.equal(200);
    expect(res.body).to.deep.include({ type: 'ERROR' });
    expect(res.body.object).to.include({ kind: 'Status', reason: 'Expired', code: 410 });
  });

  it('delete with finalizers marks the object; removing the last finalizer deletes it', async () => {
    await call('POST', '/api/v1/namespaces/team/configmaps', { metadata: { name: 'fin', finalizers: ['example.com/hold'] } });
    const marked = await call('DELETE', '/api/v1/namespaces/team/configmaps/fin', { propagationPolicy: 'Background' });
    expect(marked.body.metadata.deletionTimestamp).to.equal('2026-11-25T10:00:00Z');
    const released = await call('PATCH', '/api/v1/namespaces/team/configmaps/fin', { metadata: { finalizers: null } }, { 'content-type': 'application/merge-patch+json' });
    expect(released.code).to.equal(200);
    expect((await call('GET', '/api/v1/namespaces/team/configmaps/fin')).code).to.equal(404);
    await call('POST', '/api/v1/namespaces/team/configmaps', { metadata: { name: 'plain' } });
    const deleted = await call('DELETE', '/api/v1/namespaces/team/configmaps/plain', { preconditions: { resourceVersion: '1' } });
    expect([deleted.code, deleted.body.reason]).to.deep.equal([409, 'Conflict']);
    const ok = await call('DELETE', '/api/v1/namespaces/team/configmaps/plain');
    expect(ok.body).to.deep.include({ kind: 'Status', status: 'Success', details: { name: 'plain', group: '', kind: 'configmaps', uid: ok.body.details.uid } });
  });

  it('dryRun=All validates without persisting; deletecollection honours selectors', async () => {
    const dry = await call('POST', '/api/v1/namespaces/team/configmaps?dryRun=All', { metadata: { name: 'dry' } });
    expect(dry.code).to.equal(201);
    expect((await call('GET', '/api/v1/namespaces/team/configmaps/dry')).code).to.equal(404);
    await call('POST', '/api/v1/namespaces/team/configmaps', { metadata: { name: 'sel-1', labels: { sweep: 'yes' } } });
    await call('POST', '/api/v1/namespaces/team/configmaps', { metadata: { name: 'sel-2', labels: { sweep: 'no' } } });
    const swept = await call('DELETE', '/api/v1/namespaces/team/configmaps?labelSelector=sweep%3Dyes');
    expect(swept.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).to.deep.equal(['sel-1']);
    expect((await call('GET', '/api/v1/namespaces/team/configmaps/sel-2')).code).to.equal(200);
  });

  it('custom resources: SMP is 415, Strict rejects unknown fields, instances go with the CRD', async () => {
    await call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      metadata: { name: 'gizmos.example.com' },
      spec: {
        group: 'example.com',
        names: { plural: 'gizmos', kind: 'Gizmo' },
        scope: 'Namespaced',
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }],
      },
    });
    const strict = await call('POST', '/apis/example.com/v1/namespaces/team/gizmos?fieldValidation=Strict', { metadata: { name: 'g' }, spec: { size: 1, color: 'red' } });
    expect([strict.code, strict.body.message]).to.deep.equal([400, 'strict decoding error: unknown field "spec.color"']);
    const pruned = await call('POST', '/apis/example.com/v1/namespaces/team/gizmos', { metadata: { name: 'g' }, spec: { size: 1, color: 'red' } });
    expect(pruned.body.spec).to.deep.equal({ size: 1 });
    const smp = await call('PATCH', '/apis/example.com/v1/namespaces/team/gizmos/g', { spec: { size: 2 } }, { 'content-type': 'application/strategic-merge-patch+json' });
    expect([smp.code, smp.body.reason]).to.deep.equal([415, 'UnsupportedMediaType']);
    const applied = await call('PATCH', '/apis/example.com/v1/namespaces/team/gizmos/h?fieldManager=me', 'apiVersion: example.com/v1\nkind: Gizmo\nmetadata: {name: h}\nspec: {size: 3}\n', { 'content-type': 'application/apply-patch+yaml' });
    expect(applied.code).to.equal(201);
    await call('DELETE', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gizmos.example.com');
    expect((await call('GET', '/apis/example.com/v1/namespaces/team/gizmos')).code).to.equal(404);
    expect((await service.store.list({ group: 'example.com', resource: 'gizmos' })).items).to.deep.equal([]);
  });
});
