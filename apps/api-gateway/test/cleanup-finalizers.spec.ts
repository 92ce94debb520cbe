import { expect } from 'chai';
import { FinalizerReleased, newEnvelope } from '@karmada-ts/contracts';
import { waitFor } from '@karmada-ts/testing';
import { apiRequest, startTestGateway, type TestGateway } from './support.js';

// With the controllers' cleanup finalizers on (the default), a template's or a Cluster's deletion waits until the
// owning controller says its cleanup is done.
describe('api-gateway: cleanup finalizers of the controllers', function () {
  this.timeout(60_000);
  let gw: TestGateway;

  before(async () => {
    gw = await startTestGateway('gwfin', { GATEWAY_CLEANUP_FINALIZERS: 'true' });
  });
  after(async () => gw?.stop());

  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
  };
  const cluster = {
    apiVersion: 'cluster.karmada.io/v1alpha1',
    kind: 'Cluster',
    metadata: { name: 'member1' },
    spec: { syncMode: 'Push', apiEndpoint: 'https://127.0.0.1:6443' },
  };
  const policy = {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name: 'pp', namespace: 'default' },
    spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }] },
  };

  async function release(resource: { group: string; resource: string }, namespace: string | undefined, name: string, uid: string, service: string, finalizer: string) {
    const subject = gw.subjects.finalizer(service, resource, namespace, name);
    const id = `release-${name}-${Date.now()}`;
    const event = newEnvelope(FinalizerReleased, {
      id,
      subject,
      time: new Date().toISOString(),
      actor: `system:${service}`,
      correlationId: id,
      causationId: id,
      data: { resource, ...(namespace ? { namespace } : {}), name, uid, finalizer },
    });
    await gw.events.append(subject, event, { expectedSeq: 'any' });
  }

  it('gives templates and Clusters their controller finalizers, policies none', async () => {
    const created = await apiRequest(gw, 'POST', '/apis/apps/v1/namespaces/default/deployments', { body: deployment });
    expect(created.json.metadata.finalizers).to.deep.equal(['propagation.karmada-ts.io/cleanup']);
    const joined = await apiRequest(gw, 'POST', '/apis/cluster.karmada.io/v1alpha1/clusters', { body: cluster });
    expect(joined.json.metadata.finalizers).to.deep.equal(['karmada.io/cluster-controller']);
    const pp = await apiRequest(gw, 'POST', '/apis/policy.karmada.io/v1alpha1/namespaces/default/propagationpolicies', { body: policy });
    expect(pp.status).to.equal(201);
    expect(pp.json.metadata.finalizers ?? []).to.deep.equal([]);
  });

  it('keeps a deleted template until policy-svc releases its cleanup', async () => {
    const path = '/apis/apps/v1/namespaces/default/deployments/web';
    const before = await apiRequest(gw, 'GET', path);
    const deleting = await apiRequest(gw, 'DELETE', path);
    expect(deleting.status).to.equal(200);
    expect(deleting.json.metadata.deletionTimestamp).to.be.a('string');
    expect((await apiRequest(gw, 'GET', path)).status).to.equal(200);
    await release({ group: 'apps', resource: 'deployments' }, 'default', 'web', before.json.metadata.uid, 'policy-svc', 'propagation.karmada-ts.io/cleanup');
    await waitFor('the template deleted', async () => (await apiRequest(gw, 'GET', path)).status === 404);
  });

  it('keeps a deleted Cluster until cluster-svc releases it', async () => {
    const path = '/apis/cluster.karmada.io/v1alpha1/clusters/member1';
    const before = await apiRequest(gw, 'GET', path);
    expect((await apiRequest(gw, 'DELETE', path)).json.metadata.deletionTimestamp).to.be.a('string');
    await release({ group: 'cluster.karmada.io', resource: 'clusters' }, undefined, 'member1', before.json.metadata.uid, 'cluster-svc', 'karmada.io/cluster-controller');
    await waitFor('the Cluster deleted', async () => (await apiRequest(gw, 'GET', path)).status === 404);
  });
});
