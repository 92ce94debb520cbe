import { expect } from 'chai';
import { ApiException, KubeConfig, KubernetesObjectApi, PatchStrategy, Watch, type KubernetesObject } from '@kubernetes/client-node';
import {
  ClusterStatusCollected,
  FinalizerReleased,
  newEnvelope,
  ResourceCreated,
  ResourceDeleted,
  ResourceUpdated,
  TemplateClaimed,
  TemplateClaimReleased,
  TemplateStatusAggregated,
  type Envelope,
} from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import { rebuildProjections } from '@karmada-ts/projections';
import { ProjectionRunners } from '@karmada-ts/service-runtime';
import { waitFor } from '@karmada-ts/testing';
import { gatewayDurables } from '../src/durables.js';
import { apiRequest, lastSeq, startTestGateway, type TestGateway } from './support.js';

type Obj = KubernetesObject & Record<string, any>;

describe('api-gateway: the Kubernetes API on the event log', function () {
  this.timeout(60_000);
  let gw: TestGateway;
  let objects: KubernetesObjectApi;
  let kc: KubeConfig;

  before(async () => {
    gw = await startTestGateway('gwapi', { GATEWAY_WATCH_HISTORY: '60' });
    kc = new KubeConfig();
    kc.loadFromFile(gw.kubeconfig);
    objects = KubernetesObjectApi.makeApiClient(kc);
  });
  after(async () => gw?.stop());

  async function eventsOn(subject: string): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    for await (const e of gw.events.replay(subject)) out.push(e);
    return out;
  }

  async function append(event: Envelope): Promise<number> {
    const last = await gw.events.readLast(event.subject);
    return (await gw.events.append(event.subject, event, { expectedSeq: last?.seq ?? 0 })).seq;
  }

  const ids = { n: 0 };
  function controllerEvent<T extends { type: string }>(type: T & Parameters<typeof newEnvelope>[0], subject: string, data: unknown, actor = 'system:test-svc'): Envelope {
    const id = `test-${++ids.n}-${Date.now()}`;
    return newEnvelope(type, { id, subject, time: new Date().toISOString(), actor, correlationId: `chain-${id}`, causationId: id, data: data as never });
  }

  async function expectCode(call: Promise<unknown>, code: number): Promise<void> {
    try {
      await call;
      expect.fail(`expected ${code}`);
    } catch (error) {
      if (!(error instanceof ApiException)) throw error;
      expect(error.code).to.equal(code);
    }
  }

  const configMap = (name: string, data: Record<string, string> = { a: '1' }, extra: object = {}): Obj => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'default', ...extra },
    data,
  });

  describe('client-node', () => {
    it('creates, reads, lists, replaces, patches and deletes: one fat event per write, resourceVersion = its sequence', async () => {
      const created = (await objects.create(configMap('crud', { a: '1' }, { labels: { app: 'crud' } }))) as Obj;
      expect(created.metadata!.uid).to.be.a('string');
      const read = (await objects.read({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'crud', namespace: 'default' } })) as Obj;
      expect(read.data).to.deep.equal({ a: '1' });
      const listed = await objects.list('v1', 'ConfigMap', 'default', undefined, undefined, undefined, undefined, 'app=crud');
      expect(listed.items.map((o) => o.metadata!.name)).to.deep.equal(['crud']);
      const replaced = (await objects.replace({ ...read, data: { a: '2' } })) as Obj;
      const patched = (await objects.patch(
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'crud', namespace: 'default' }, data: { b: '3' } } as Obj,
        undefined,
        undefined,
        undefined,
        undefined,
        PatchStrategy.MergePatch,
      )) as Obj;
      expect(patched.data).to.deep.equal({ a: '2', b: '3' });
      await objects.delete({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'crud', namespace: 'default' } });
      await expectCode(objects.read({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'crud', namespace: 'default' } }), 404);

      const events = await eventsOn(gw.subjects.template({ group: '', resource: 'configmaps' }, 'default', 'crud'));
      expect(events.map((e) => e.type)).to.deep.equal([ResourceCreated.type, ResourceUpdated.type, ResourceUpdated.type, ResourceDeleted.type]);
      expect(events.slice(0, 3).map((e) => String(e.seq))).to.deep.equal([created, replaced, patched].map((o) => o.metadata!.resourceVersion));
      expect((events[2]!.data as { object: Obj }).object.data).to.deep.equal({ a: '2', b: '3' });
      for (const e of events) expect(e.actor).to.equal('user:admin');
    });

    it('records who wrote and which request: actor, and the Audit-Id as correlation id', async () => {
      const response = await apiRequest(gw, 'POST', '/api/v1/namespaces/default/configmaps', { body: configMap('audited') });
      expect(response.status).to.equal(201);
      const [event] = await eventsOn(gw.subjects.template({ group: '', resource: 'configmaps' }, 'default', 'audited'));
      expect(event!.actor).to.equal('user:admin');
      expect(event!.correlationId).to.equal(response.headers['audit-id']);
      expect(event!.causationId).to.equal(response.headers['audit-id']);
    });

    it('reads its own writes at once: get and list right after each create', async () => {
      for (let i = 0; i < 10; i++) {
        const name = `ryw-${i}`;
        const created = (await objects.create(configMap(name))) as Obj;
        expect(((await objects.read({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } })) as Obj).metadata!.name).to.equal(name);
        const listed = await objects.list('v1', 'ConfigMap', 'default');
        expect(listed.items.map((o) => o.metadata!.name)).to.include(name);
        expect(Number(listed.metadata!.resourceVersion)).to.be.at.least(Number(created.metadata!.resourceVersion));
      }
    });

    it('answers 409 Conflict to a stale resourceVersion and appends nothing', async () => {
      await objects.create(configMap('stale'));
      const first = (await objects.read({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'stale', namespace: 'default' } })) as Obj;
      await objects.replace({ ...first, data: { a: 'fresh' } });
      const before = await lastSeq(gw);
      await expectCode(objects.replace({ ...first, data: { a: 'stale' } }), 409);
      const conflict = await apiRequest(gw, 'PUT', '/api/v1/namespaces/default/configmaps/stale', { body: { ...first, data: { a: 'stale' } } });
      expect(conflict.json).to.include({ reason: 'Conflict', code: 409 });
      expect(await lastSeq(gw)).to.equal(before);
    });

    it('watches from a resourceVersion: every later change, in order, each at its sequence', async () => {
      const start = (await objects.create(configMap('w1'))) as Obj;
      const seen: { type: string; name: string; rv: number }[] = [];
      const watch = await new Watch(kc).watch(
        '/api/v1/namespaces/default/configmaps',
        { resourceVersion: start.metadata!.resourceVersion },
        (type, object: Obj) => seen.push({ type, name: object.metadata!.name!, rv: Number(object.metadata!.resourceVersion) }),
        () => undefined,
      );
      try {
        await objects.patch({ ...configMap('w1', { a: '2' }) }, undefined, undefined, undefined, undefined, PatchStrategy.MergePatch);
        await objects.create(configMap('w2'));
        await objects.delete({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'w1', namespace: 'default' } });
        await waitFor('three watch events', () => seen.length >= 3);
      } finally {
        watch.abort();
      }
      expect(seen.map((s) => `${s.type} ${s.name}`)).to.deep.equal(['MODIFIED w1', 'ADDED w2', 'DELETED w1']);
      expect(seen.map((s) => s.rv)).to.deep.equal([...seen.map((s) => s.rv)].sort((a, b) => a - b));
      expect(seen[0]!.rv).to.be.greaterThan(Number(start.metadata!.resourceVersion));
    });
  });

  describe('status written by controllers on their own aggregates', () => {
    it('serves a templatestatus as the template status, in get, list and watch, at the newest sequence', async () => {
      const deployment = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web', namespace: 'default' },
        spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
      };
      const created = (await objects.create(deployment)) as Obj;
      const seen: Obj[] = [];
      const watch = await new Watch(kc).watch('/apis/apps/v1/namespaces/default/deployments', { resourceVersion: created.metadata!.resourceVersion }, (_t, o: Obj) => seen.push(o), () => undefined);
      const status = { replicas: 2, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 2, observedGeneration: 1 };
      const subject = gw.subjects.templateStatus({ group: 'apps', resource: 'deployments' }, 'default', 'web');
      const seq = await append(
        controllerEvent(TemplateStatusAggregated, subject, { resource: { group: 'apps', resource: 'deployments' }, namespace: 'default', name: 'web', uid: created.metadata!.uid, status }, 'system:binding-svc'),
      );
      try {
        const got = await apiRequest(gw, 'GET', '/apis/apps/v1/namespaces/default/deployments/web');
        expect(got.json.status).to.deep.equal(status);
        expect(got.json.metadata.resourceVersion).to.equal(String(seq));
        await waitFor('the status in the list', async () => {
          const list = await apiRequest(gw, 'GET', '/apis/apps/v1/namespaces/default/deployments');
          return list.json.items.find((d: Obj) => d.metadata!.name === 'web')?.status?.readyReplicas === 2;
        });
        await waitFor('the status in the watch', () => seen.some((o) => o['status']?.readyReplicas === 2));
        expect(seen.at(-1)!.metadata!.resourceVersion).to.equal(String(seq));

        // A user write at the served version succeeds; its event carries the template without the status.
        const updated = await apiRequest(gw, 'PUT', '/apis/apps/v1/namespaces/default/deployments/web', { body: { ...got.json, spec: { ...got.json.spec, replicas: 3 } } });
        expect(updated.status).to.equal(200);
        expect(updated.json.status).to.deep.equal(status);
        const last = await gw.events.readLast(gw.subjects.template({ group: 'apps', resource: 'deployments' }, 'default', 'web'));
        expect((last!.data as { object: Obj }).object['status']).to.deep.equal({});
      } finally {
        watch.abort();
      }
    });

    it('ignores a status about an earlier object of the same name', async () => {
      await objects.create(configMap('placeholder'));
      const created = (await objects.create({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'default' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } } })) as Obj;
      const subject = gw.subjects.templateStatus({ group: 'apps', resource: 'statefulsets' }, 'default', 'db');
      await append(controllerEvent(TemplateStatusAggregated, subject, { resource: { group: 'apps', resource: 'statefulsets' }, namespace: 'default', name: 'db', uid: 'an-older-uid', status: { replicas: 9 } }));
      const got = await apiRequest(gw, 'GET', '/apis/apps/v1/namespaces/default/statefulsets/db');
      expect(got.json.status).to.deep.equal({});
      expect(got.json.metadata.resourceVersion).to.equal(created.metadata!.resourceVersion);
    });

    it('serves a claim: its labels and annotations in get, list (by selector) and watch; gone once released', async () => {
      const created = (await objects.create(configMap('claimed', { a: '1' }, { labels: { app: 'claimed' } }))) as Obj;
      const seen: Obj[] = [];
      const watch = await new Watch(kc).watch('/api/v1/namespaces/default/configmaps', { resourceVersion: created.metadata!.resourceVersion }, (_t, o: Obj) => seen.push(o), () => undefined);
      const subject = gw.subjects.claim({ group: '', resource: 'configmaps' }, 'default', 'claimed');
      const template = { resource: { group: '', resource: 'configmaps' }, apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'claimed', uid: created.metadata!.uid };
      const policy = { kind: 'PropagationPolicy', namespace: 'default', name: 'pp', permanentId: 'p-1' };
      const claimLabel = 'propagationpolicy.karmada.io/permanent-id';
      const claimSeq = await append(
        controllerEvent(TemplateClaimed, subject, { template, policy, labels: { [claimLabel]: 'p-1' }, annotations: { 'propagationpolicy.karmada.io/name': 'pp' } }, 'system:policy-svc'),
      );
      try {
        const got = await apiRequest(gw, 'GET', '/api/v1/namespaces/default/configmaps/claimed');
        expect(got.json.metadata.labels).to.deep.equal({ app: 'claimed', [claimLabel]: 'p-1' });
        expect(got.json.metadata.annotations).to.deep.equal({ 'propagationpolicy.karmada.io/name': 'pp' });
        expect(got.json.metadata.resourceVersion).to.equal(String(claimSeq));
        await waitFor('the claimed object selected by its claim label', async () => {
          const list = await apiRequest(gw, 'GET', `/api/v1/namespaces/default/configmaps?labelSelector=${encodeURIComponent(`${claimLabel}=p-1`)}`);
          return list.json.items.length === 1 && list.json.items[0].metadata.name === 'claimed';
        });
        await waitFor('the claim in the watch', () => seen.some((o) => o.metadata!.labels?.[claimLabel] === 'p-1'));

        // The user's write keeps the claim out of the template event.
        const relabelled = await apiRequest(gw, 'PUT', '/api/v1/namespaces/default/configmaps/claimed', { body: { ...got.json, data: { a: '2' } } });
        expect(relabelled.json.metadata.labels).to.deep.equal({ app: 'claimed', [claimLabel]: 'p-1' });
        const last = await gw.events.readLast(gw.subjects.template({ group: '', resource: 'configmaps' }, 'default', 'claimed'));
        expect((last!.data as { object: Obj }).object.metadata!.labels).to.deep.equal({ app: 'claimed' });
        expect((last!.data as { object: Obj }).object.metadata!.annotations).to.equal(undefined);

        const releaseSeq = await append(controllerEvent(TemplateClaimReleased, subject, { template, policy, reason: 'PolicyDeleted' }, 'system:policy-svc'));
        const after = await apiRequest(gw, 'GET', '/api/v1/namespaces/default/configmaps/claimed');
        expect(after.json.metadata.labels).to.deep.equal({ app: 'claimed' });
        expect(after.json.metadata.resourceVersion).to.equal(String(releaseSeq));
      } finally {
        watch.abort();
      }
    });

    it('serves a clusterstatus as the Cluster status plus controller taints, and keeps those out of user writes', async () => {
      const cluster = { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name: 'member1' }, spec: { syncMode: 'Push', taints: [{ key: 'team', effect: 'NoSchedule' }] } };
      const created = (await objects.create(cluster)) as Obj;
      const notReady = { key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule' };
      const status = { kubernetesVersion: 'v1.32.0', conditions: [{ type: 'Ready', status: 'False', reason: 'ClusterNotReachable' }] };
      const seq = await append(controllerEvent(ClusterStatusCollected, gw.subjects.clusterStatus('member1'), { name: 'member1', uid: created.metadata!.uid, status, controllerTaints: [notReady] }, 'system:cluster-svc'));
      const got = await apiRequest(gw, 'GET', '/apis/cluster.karmada.io/v1alpha1/clusters/member1');
      expect(got.json.status).to.deep.equal(status);
      expect(got.json.spec.taints).to.deep.equal([{ key: 'team', effect: 'NoSchedule' }, notReady]);
      expect(got.json.metadata.resourceVersion).to.equal(String(seq));

      const labelled = await apiRequest(gw, 'PUT', '/apis/cluster.karmada.io/v1alpha1/clusters/member1', { body: { ...got.json, metadata: { ...got.json.metadata, labels: { env: 'prod' } } } });
      expect(labelled.status).to.equal(200);
      expect(labelled.json.spec.taints).to.deep.equal([{ key: 'team', effect: 'NoSchedule' }, notReady]);
      const last = await gw.events.readLast(gw.subjects.template({ group: 'cluster.karmada.io', resource: 'clusters' }, undefined, 'member1'));
      expect((last!.data as { object: Obj }).object['spec'].taints).to.deep.equal([{ key: 'team', effect: 'NoSchedule' }]);
    });

    it('refuses writes to a status the controllers own (405), appending nothing', async () => {
      const before = await lastSeq(gw);
      const current = await apiRequest(gw, 'GET', '/apis/cluster.karmada.io/v1alpha1/clusters/member1/status');
      expect(current.status).to.equal(200);
      const put = await apiRequest(gw, 'PUT', '/apis/cluster.karmada.io/v1alpha1/clusters/member1/status', { body: { ...current.json, status: { kubernetesVersion: 'fake' } } });
      expect(put.status).to.equal(405);
      const patch = await apiRequest(gw, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/web/status', { body: { status: { replicas: 7 } }, contentType: 'application/merge-patch+json' });
      expect(patch.json).to.include({ code: 405, reason: 'MethodNotAllowed' });
      expect(await lastSeq(gw)).to.equal(before);
    });
  });

  describe('finalizers', () => {
    it('removes a released finalizer; the last one gone, a deleted object goes', async () => {
      const created = (await objects.create(configMap('fin', { a: '1' }, { finalizers: ['a.example.com/cleanup', 'b.example.com/cleanup'] }))) as Obj;
      const deleting = await apiRequest(gw, 'DELETE', '/api/v1/namespaces/default/configmaps/fin');
      expect(deleting.status).to.equal(200);
      expect(deleting.json.metadata.deletionTimestamp).to.be.a('string');
      const release = (service: string, finalizer: string) =>
        controllerEvent(
          FinalizerReleased,
          gw.subjects.finalizer(service, { group: '', resource: 'configmaps' }, 'default', 'fin'),
          { resource: { group: '', resource: 'configmaps' }, namespace: 'default', name: 'fin', uid: created.metadata!.uid, finalizer },
          `system:${service}`,
        );
      await append(release('a-svc', 'a.example.com/cleanup'));
      await waitFor('the first finalizer removed', async () => {
        const got = await apiRequest(gw, 'GET', '/api/v1/namespaces/default/configmaps/fin');
        return got.status === 200 && got.json.metadata.finalizers.length === 1;
      });
      const second = release('b-svc', 'b.example.com/cleanup');
      await append(second);
      await waitFor('the object deleted', async () => (await apiRequest(gw, 'GET', '/api/v1/namespaces/default/configmaps/fin')).status === 404);

      const events = await eventsOn(gw.subjects.template({ group: '', resource: 'configmaps' }, 'default', 'fin'));
      expect(events.map((e) => e.type)).to.deep.equal([ResourceCreated.type, ResourceUpdated.type, ResourceUpdated.type, ResourceUpdated.type, ResourceDeleted.type]);
      const [removal, deletion] = events.slice(-2);
      for (const e of [removal!, deletion!]) {
        expect(e.actor).to.equal('system:b-svc');
        expect(e.causationId).to.equal(second.id);
        expect(e.correlationId).to.equal(second.correlationId);
      }
    });
  });

  describe('history', () => {
    it('answers 410 Expired to a watch from further back than the retained history', async () => {
      for (let i = 0; (await lastSeq(gw)) < 70; i++) await objects.create(configMap(`filler-${i}`));
      const response = await apiRequest(gw, 'GET', '/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=2');
      expect(response.status).to.equal(200);
      const event = JSON.parse(response.text.trim().split('\n')[0]!) as { type: string; object: { code: number; reason: string } };
      expect(event).to.deep.include({ type: 'ERROR' });
      expect(event.object).to.include({ code: 410, reason: 'Expired' });
    });

    it('rebuilds api_objects from the stream to identical rows', async () => {
      const runner = gw.running.app.get(ProjectionRunners).runner(gatewayDurables.objects);
      await waitFor('the projection caught up', async () => (await runner.checkpoint()) >= (await lastSeq(gw)));
      const snapshot = async () => ({
        objects: await runner.dataSource.query('SELECT resource, namespace, name, object, labels, sealed_data, seq FROM api_objects ORDER BY 1, 2, 3'),
        parts: await runner.dataSource.query('SELECT * FROM api_object_parts ORDER BY 1, 2, 3, 4'),
      });
      const before = await snapshot();
      expect(before.objects.length).to.be.greaterThan(20);
      expect(before.parts.length).to.be.at.least(2);
      const result = await rebuildProjections({ runner, store: gw.events, filterSubject: gw.subjects.all });
      expect(result.checkpoint).to.equal(await lastSeq(gw));
      expect(await snapshot()).to.deep.equal(before);
    });
  });
});
