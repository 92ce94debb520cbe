import { expect } from 'chai';
import { KubeConfig, Watch, type KubernetesObject } from '@kubernetes/client-node';
import {
  BindingCleanedUp,
  BindingStatusAggregated,
  BindingUpserted,
  PlacementDecided,
  WorkCleanedUp,
  WorkDeletionRequested,
  WorkRendered,
  WorkStatusReported,
  type BindingRefJson,
  type KubeObjectJson,
  type WorkRefJson,
} from '@karmada-ts/contracts';
import { appendAs, waitFor } from '@karmada-ts/testing';
import { apiRequest, lastSeq, startTestGateway, type TestGateway } from './support.js';

type Obj = KubernetesObject & Record<string, any>;

// Bindings and Works are written by the controllers on aggregates of their own; the gateway serves them read-only,
// merged with their parts (placement, aggregated status, Work status), and stops serving them once cleaned up.
describe('api-gateway: bindings and Works the controllers derive', function () {
  this.timeout(60_000);
  let gw: TestGateway;
  let kc: KubeConfig;

  before(async () => {
    gw = await startTestGateway('gwderived');
    kc = new KubeConfig();
    kc.loadFromFile(gw.kubeconfig);
  });
  after(async () => gw?.stop());

  const bindingId = 'a5b3c1e0-0000-4000-8000-000000000001';
  const binding: KubeObjectJson = {
    apiVersion: 'work.karmada.io/v1alpha2',
    kind: 'ResourceBinding',
    metadata: {
      name: 'web-deployment',
      namespace: 'shop',
      creationTimestamp: '2026-11-26T10:00:00Z',
      labels: { 'resourcebinding.karmada.io/permanent-id': bindingId, 'propagationpolicy.karmada.io/name': 'web' },
    },
    spec: { resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' }, replicas: 2, placement: {} },
  };
  const ref: BindingRefJson = { kind: 'ResourceBinding', namespace: 'shop', name: 'web-deployment', uid: bindingId };
  const scheduled = { type: 'Scheduled', status: 'True', reason: 'Success', message: 'Binding has been scheduled successfully.', lastTransitionTime: '2026-11-26T10:00:01Z' };
  const fullyApplied = { type: 'FullyApplied', status: 'True', reason: 'FullyAppliedSuccess', message: 'All works have been successfully applied', lastTransitionTime: '2026-11-26T10:00:02Z' };
  const work: KubeObjectJson = {
    apiVersion: 'work.karmada.io/v1alpha1',
    kind: 'Work',
    metadata: { name: 'web-5f7d8c9b6', namespace: 'karmada-es-member1', uid: 'w-1', creationTimestamp: '2026-11-26T10:00:01Z', labels: { 'work.karmada.io/permanent-id': 'w-1' } },
    spec: { workload: { manifests: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 1 } }] } },
  };
  const workRef: WorkRefJson = { namespace: 'karmada-es-member1', name: 'web-5f7d8c9b6', uid: 'w-1', cluster: 'member1' };
  const applied = { conditions: [{ type: 'Applied', status: 'True', reason: 'AppliedSuccessful', message: 'Manifest has been successfully applied', lastTransitionTime: '2026-11-26T10:00:02Z' }] };

  it('serves a binding with the placement and aggregated status merged, in get, list and watch', async () => {
    const seen: { type: string; object: Obj }[] = [];
    const from = await lastSeq(gw);
    const watch = await new Watch(kc).watch('/apis/work.karmada.io/v1alpha2/namespaces/shop/resourcebindings', { resourceVersion: String(from) }, (type, object: Obj) => seen.push({ type, object }), () => undefined);
    try {
      await appendAs(gw.events, gw.subjects.binding('shop', 'web-deployment'), BindingUpserted, { binding }, 'system:policy-svc');
      await appendAs(gw.events, gw.subjects.placement('shop', 'web-deployment'), PlacementDecided, {
        binding: ref,
        observedBindingSeq: 1,
        clusters: [{ name: 'member1', replicas: 1 }, { name: 'member2', replicas: 1 }],
        gracefulEvictionTasks: [],
        scheduledCondition: scheduled,
        lastScheduledTime: '2026-11-26T10:00:01Z',
        explanation: [],
      }, 'system:scheduler-svc');
      const statusSeq = await appendAs(gw.events, gw.subjects.bindingStatus('shop', 'web-deployment'), BindingStatusAggregated, {
        binding: ref,
        aggregatedStatus: [{ clusterName: 'member1', applied: true, health: 'Healthy' }],
        conditions: [fullyApplied],
      }, 'system:binding-svc');

      const got = await apiRequest(gw, 'GET', '/apis/work.karmada.io/v1alpha2/namespaces/shop/resourcebindings/web-deployment');
      expect(got.status).to.equal(200);
      expect(got.json.metadata).to.include({ uid: bindingId, resourceVersion: String(statusSeq), creationTimestamp: '2026-11-26T10:00:00Z' });
      expect(got.json.spec.clusters).to.deep.equal([{ name: 'member1', replicas: 1 }, { name: 'member2', replicas: 1 }]);
      expect(got.json.status.conditions).to.deep.equal([scheduled, fullyApplied]);
      expect(got.json.status.lastScheduledTime).to.equal('2026-11-26T10:00:01Z');
      expect(got.json.status.aggregatedStatus).to.deep.equal([{ clusterName: 'member1', applied: true, health: 'Healthy' }]);

      await waitFor('the binding in the list', async () => {
        const list = await apiRequest(gw, 'GET', '/apis/work.karmada.io/v1alpha2/resourcebindings');
        return list.json.items.length === 1 && list.json.items[0].status?.conditions?.length === 2 ? list.json : undefined;
      });
      const table = await apiRequest(gw, 'GET', '/apis/work.karmada.io/v1alpha2/namespaces/shop/resourcebindings?labelSelector=propagationpolicy.karmada.io/name%3Dweb', {});
      expect(table.json.items.map((b: Obj) => b.metadata!.name)).to.deep.equal(['web-deployment']);
      await waitFor('ADDED then MODIFIED twice in the watch', () => seen.length >= 3);
      expect(seen.map((e) => e.type)).to.deep.equal(['ADDED', 'MODIFIED', 'MODIFIED']);
      expect(seen[2]!.object.metadata!.resourceVersion).to.equal(String(statusSeq));

      // Bindings are the detector's: users read them, never write them.
      const before = await lastSeq(gw);
      const write = await apiRequest(gw, 'DELETE', '/apis/work.karmada.io/v1alpha2/namespaces/shop/resourcebindings/web-deployment');
      expect(write.status).to.equal(405);
      expect(await lastSeq(gw)).to.equal(before);

      // A deleting binding shows its deletionTimestamp; BindingCleanedUp ends it.
      await appendAs(gw.events, gw.subjects.binding('shop', 'web-deployment'), BindingUpserted, { binding, deleting: true }, 'system:policy-svc');
      const deleting = await apiRequest(gw, 'GET', '/apis/work.karmada.io/v1alpha2/namespaces/shop/resourcebindings/web-deployment');
      expect(deleting.json.metadata.deletionTimestamp).to.be.a('string');
      await appendAs(gw.events, gw.subjects.bindingStatus('shop', 'web-deployment'), BindingCleanedUp, {
        binding: ref,
        template: { resource: { group: 'apps', resource: 'deployments' }, apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web', uid: 't-1' },
      }, 'system:binding-svc');
      expect((await apiRequest(gw, 'GET', '/apis/work.karmada.io/v1alpha2/namespaces/shop/resourcebindings/web-deployment')).status).to.equal(404);
      await waitFor('DELETED in the watch', () => seen.at(-1)?.type === 'DELETED');
      await waitFor('gone from the list', async () => (await apiRequest(gw, 'GET', '/apis/work.karmada.io/v1alpha2/resourcebindings')).json.items.length === 0);
      // ClusterResourceBindings share the binding aggregate: none of this showed there.
      expect((await apiRequest(gw, 'GET', '/apis/work.karmada.io/v1alpha2/clusterresourcebindings')).json.items).to.deep.equal([]);
    } finally {
      watch.abort();
    }
  });

  it('serves a Work with its status until the executor has cleaned it up, and again once re-rendered', async () => {
    const path = '/apis/work.karmada.io/v1alpha1/namespaces/karmada-es-member1/works/web-5f7d8c9b6';
    const workSubject = gw.subjects.work('karmada-es-member1', 'web-5f7d8c9b6');
    const statusSubject = gw.subjects.workStatus('karmada-es-member1', 'web-5f7d8c9b6');
    const rendered = await appendAs(gw.events, workSubject, WorkRendered, { work, binding: ref, cluster: 'member1' }, 'system:binding-svc');
    await appendAs(gw.events, statusSubject, WorkStatusReported, { work: workRef, observedWorkSeq: rendered, status: applied }, 'system:executor-svc');
    const got = await apiRequest(gw, 'GET', path);
    expect(got.json.status).to.deep.equal(applied);
    expect(got.json.metadata.uid).to.equal('w-1');

    await appendAs(gw.events, workSubject, WorkDeletionRequested, { work, binding: ref, cluster: 'member1' }, 'system:binding-svc');
    expect((await apiRequest(gw, 'GET', path)).json.metadata.deletionTimestamp).to.be.a('string');
    await appendAs(gw.events, statusSubject, WorkCleanedUp, { work: workRef, preserved: false }, 'system:executor-svc');
    expect((await apiRequest(gw, 'GET', path)).status).to.equal(404);
    await waitFor('no Works listed', async () => (await apiRequest(gw, 'GET', '/apis/work.karmada.io/v1alpha1/works')).json.items.length === 0);

    // The cluster is targeted again: the same Work is rendered anew after its cleanup, and served again.
    await appendAs(gw.events, workSubject, WorkRendered, { work, binding: ref, cluster: 'member1' }, 'system:binding-svc');
    expect((await apiRequest(gw, 'GET', path)).status).to.equal(200);
    await waitFor('the Work listed again', async () => (await apiRequest(gw, 'GET', '/apis/work.karmada.io/v1alpha1/namespaces/karmada-es-member1/works')).json.items.length === 1);
  });
});
