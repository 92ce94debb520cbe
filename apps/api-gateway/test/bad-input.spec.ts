import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTokenFile } from '../src/auth/token-file.js';
import { apiRequest, lastSeq, startTestGateway, type TestGateway } from './support.js';

const deployment = (patch: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
  ...patch,
});

interface Case {
  name: string;
  method: string;
  path: string;
  body?: string | object;
  contentType?: string;
  token?: 'admin' | 'view' | 'bad' | 'none';
  code: number;
  reason: string | undefined;
}

// Every rejected request answers a Kubernetes Status with the right code and reason, and appends nothing.
describe('api-gateway: bad input, authentication and authorization', function () {
  this.timeout(60_000);
  let gw: TestGateway;
  let tokenDir: string;
  const tokens = { admin: 'admin-token-0123456789', view: 'view-token-0123456789' };

  before(async () => {
    tokenDir = mkdtempSync(join(tmpdir(), 'gwbad-tokens-'));
    const tokenFile = join(tokenDir, 'tokens.csv');
    writeFileSync(tokenFile, formatTokenFile([
      { token: tokens.admin, user: 'alice', role: 'admin' },
      { token: tokens.view, user: 'victor', role: 'view' },
    ]));
    gw = await startTestGateway('gwbad', { GATEWAY_TOKEN_FILE: tokenFile });
    // Something to conflict with, patch and read.
    expect((await apiRequest(gw, 'POST', '/apis/apps/v1/namespaces/default/deployments', { body: deployment() })).status).to.equal(201);
    expect((await apiRequest(gw, 'POST', '/apis/policy.karmada.io/v1alpha1/namespaces/default/propagationpolicies', { body: { metadata: { name: 'pp' }, spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }] } } })).status).to.equal(201);
  });
  after(async () => {
    await gw?.stop();
    rmSync(tokenDir, { recursive: true, force: true });
  });

  const cases: Case[] = [
    { name: 'malformed JSON', method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: '{"metadata": {"name": "x"', code: 400, reason: 'BadRequest' },
    { name: 'malformed YAML', method: 'PATCH', path: '/apis/apps/v1/namespaces/default/deployments/web?fieldManager=t', body: 'spec: [replicas', contentType: 'application/apply-patch+yaml', code: 400, reason: 'BadRequest' },
    { name: 'a body that is not an object', method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: '[1, 2]', code: 400, reason: 'BadRequest' },
    { name: 'a kind that does not match the URL', method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } }, code: 400, reason: 'BadRequest' },
    { name: 'wrong types', method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment({ metadata: { name: 'typed' }, spec: { replicas: 'three', selector: 'app=web' } }), code: 422, reason: 'Invalid' },
    { name: 'an invalid name', method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { metadata: { name: 'Not_Valid' } }, code: 422, reason: 'Invalid' },
    { name: 'a missing name', method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { metadata: {} }, code: 422, reason: 'Invalid' },
    { name: 'an unknown kind', method: 'POST', path: '/apis/example.com/v1/namespaces/default/gizmos', body: { metadata: { name: 'g' } }, code: 404, reason: 'NotFound' },
    { name: 'a kind the gateway does not serve', method: 'GET', path: '/api/v1/namespaces/default/pods', code: 404, reason: 'NotFound' },
    { name: 'a missing namespace', method: 'POST', path: '/api/v1/namespaces/nowhere/configmaps', body: { metadata: { name: 'x' } }, code: 404, reason: 'NotFound' },
    { name: 'an existing object', method: 'POST', path: '/apis/apps/v1/namespaces/default/deployments', body: deployment(), code: 409, reason: 'AlreadyExists' },
    { name: 'a stale resourceVersion', method: 'PUT', path: '/apis/apps/v1/namespaces/default/deployments/web', body: deployment({ metadata: { name: 'web', resourceVersion: '1' } }), code: 409, reason: 'Conflict' },
    { name: 'an oversized body', method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { metadata: { name: 'big' }, data: { a: 'x'.repeat(3 * 1024 * 1024 + 10) } }, code: 413, reason: 'RequestEntityTooLarge' },
    { name: 'an invalid label selector', method: 'GET', path: '/api/v1/namespaces/default/configmaps?labelSelector=app%20in%20(a', code: 400, reason: 'BadRequest' },
    { name: 'an unsupported field selector', method: 'GET', path: '/api/v1/namespaces/default/configmaps?fieldSelector=spec.x%3Dy', code: 400, reason: 'BadRequest' },
    { name: 'POST to an object', method: 'POST', path: '/api/v1/namespaces/default/configmaps/x', body: { metadata: { name: 'x' } }, code: 405, reason: 'MethodNotAllowed' },
    { name: 'PUT to a collection', method: 'PUT', path: '/api/v1/namespaces/default/configmaps', body: { metadata: { name: 'x' } }, code: 405, reason: 'MethodNotAllowed' },
    { name: 'a user writing a ResourceBinding', method: 'POST', path: '/apis/work.karmada.io/v1alpha2/namespaces/default/resourcebindings', body: { metadata: { name: 'rb' } }, code: 405, reason: 'MethodNotAllowed' },
    {
      name: 'an unknown field in a Karmada kind under fieldValidation=Strict',
      method: 'POST',
      path: '/apis/policy.karmada.io/v1alpha1/namespaces/default/propagationpolicies?fieldValidation=Strict',
      body: { metadata: { name: 'strict' }, spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', nmae: 'typo' }], placment: {} } },
      code: 400,
      reason: 'BadRequest',
    },
    { name: 'a strategic merge patch of a Karmada kind', method: 'PATCH', path: '/apis/policy.karmada.io/v1alpha1/namespaces/default/propagationpolicies/pp', body: { spec: {} }, contentType: 'application/strategic-merge-patch+json', code: 415, reason: 'UnsupportedMediaType' },
    { name: 'a JSON patch that is not a list of operations', method: 'PATCH', path: '/apis/apps/v1/namespaces/default/deployments/web', body: { op: 'add' }, contentType: 'application/json-patch+json', code: 400, reason: 'BadRequest' },
    { name: 'a failing JSON patch test', method: 'PATCH', path: '/apis/apps/v1/namespaces/default/deployments/web', body: [{ op: 'test', path: '/spec/replicas', value: 9 }], contentType: 'application/json-patch+json', code: 422, reason: 'Invalid' },
    { name: 'a patch of a missing object', method: 'PATCH', path: '/api/v1/namespaces/default/configmaps/missing', body: { data: {} }, contentType: 'application/merge-patch+json', code: 404, reason: 'NotFound' },
    { name: 'deleting a missing object', method: 'DELETE', path: '/api/v1/namespaces/default/configmaps/missing', code: 404, reason: 'NotFound' },
    { name: 'a dry run (accepted, not stored)', method: 'POST', path: '/api/v1/namespaces/default/configmaps?dryRun=All', body: { metadata: { name: 'dry' } }, code: 201, reason: undefined },
    { name: 'no token', token: 'none', method: 'GET', path: '/api/v1/namespaces', code: 401, reason: 'Unauthorized' },
    { name: 'an unknown token', token: 'bad', method: 'GET', path: '/api/v1/namespaces', code: 401, reason: 'Unauthorized' },
    { name: 'no token for discovery', token: 'none', method: 'GET', path: '/apis', code: 401, reason: 'Unauthorized' },
    { name: 'no token for a write', token: 'none', method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { metadata: { name: 'anon' } }, code: 401, reason: 'Unauthorized' },
    { name: 'a view token writing', token: 'view', method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: { metadata: { name: 'viewer' } }, code: 403, reason: 'Forbidden' },
    { name: 'a view token deleting', token: 'view', method: 'DELETE', path: '/apis/apps/v1/namespaces/default/deployments/web', code: 403, reason: 'Forbidden' },
    { name: 'a view token reading', token: 'view', method: 'GET', path: '/apis/apps/v1/namespaces/default/deployments/web', code: 200, reason: undefined },
    { name: 'a view token listing', token: 'view', method: 'GET', path: '/apis/policy.karmada.io/v1alpha1/propagationpolicies', code: 200, reason: undefined },
    { name: 'a view token reading secrets', token: 'view', method: 'GET', path: '/api/v1/namespaces/default/secrets', code: 403, reason: 'Forbidden' },
    { name: 'the version, to anyone', token: 'none', method: 'GET', path: '/version', code: 200, reason: undefined },
  ];

  for (const c of cases) {
    it(`${c.name}: ${c.code}${c.reason ? ` ${c.reason}` : ''}`, async () => {
      const before = await lastSeq(gw);
      const token = c.token === 'none' ? null : c.token === 'bad' ? 'not-a-token' : tokens[c.token ?? 'admin'];
      const response = await apiRequest(gw, c.method, c.path, { token, ...(c.body !== undefined ? { body: c.body } : {}), ...(c.contentType ? { contentType: c.contentType } : {}) });
      expect(response.status, response.text.slice(0, 300)).to.equal(c.code);
      if (c.reason) expect(response.json, response.text.slice(0, 300)).to.include({ kind: 'Status', code: c.code, reason: c.reason });
      expect(await lastSeq(gw), 'the stream moved').to.equal(before);
    });
  }

  it('names each unknown field of a Karmada kind, as the API server does', async () => {
    const body = { metadata: { name: 'strict' }, spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', nmae: 'typo' }], placment: {} } };
    const response = await apiRequest(gw, 'POST', '/apis/policy.karmada.io/v1alpha1/namespaces/default/propagationpolicies?fieldValidation=Strict', { body });
    expect(response.json.message).to.equal('strict decoding error: unknown field "spec.resourceSelectors[0].nmae", unknown field "spec.placment"');
  });

  it('says who may not do what', async () => {
    const response = await apiRequest(gw, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/web', { token: tokens.view, body: { spec: {} }, contentType: 'application/merge-patch+json' });
    expect(response.json.message).to.equal('deployments.apps "web" is forbidden: User "victor" cannot patch resource "deployments" in API group "apps" in the namespace "default"');
  });
});
