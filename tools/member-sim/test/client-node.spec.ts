import * as k8s from '@kubernetes/client-node';
import { expect } from 'chai';
import { request } from 'node:https';
import { eventually, startTestSim, type TestSim } from './support.js';

/** @kubernetes/client-node 1.4.0 against a simulated cluster: CRUD, server-side apply, informers, 410, auth. */
function kubeConfig(t: TestSim, cluster: string): k8s.KubeConfig {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(t.sim.kubeconfigPath(cluster)!);
  return kc;
}

async function apiError(promise: Promise<unknown>): Promise<{ code: number; status: { reason: string; message: string; code: number } }> {
  try {
    await promise;
  } catch (error) {
    const e = error as k8s.ApiException<string>;
    return { code: e.code, status: JSON.parse(e.body) };
  }
  throw new Error('expected the call to fail');
}

function configMap(name: string, data: Record<string, string>): k8s.KubernetesObject & { data: Record<string, string> } {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data };
}

describe('member-sim with @kubernetes/client-node', function () {
  this.timeout(30_000);
  let t: TestSim;
  let objects: k8s.KubernetesObjectApi;

  before(async () => {
    t = await startTestSim({ clusters: [{ name: 'member1', podReadySeconds: 0 }], maxWatchSeconds: 1, historyLimit: 20 });
    objects = k8s.KubernetesObjectApi.makeApiClient(kubeConfig(t, 'member1'));
  });
  after(async () => t?.stop());

  it('creates, reads, lists, replaces, patches and deletes through KubernetesObjectApi', async () => {
    const created = await objects.create(configMap('crud', { a: '1' }));
    expect(created.metadata?.uid).to.be.a('string');
    expect(created.metadata?.resourceVersion).to.match(/^\d+$/);
    expect(created.metadata?.creationTimestamp).to.be.instanceOf(Date);

    const again = await apiError(objects.create(configMap('crud', { a: '1' })));
    expect(again.code).to.equal(409);
    expect(again.status).to.include({ reason: 'AlreadyExists', message: 'configmaps "crud" already exists' });

    const read = (await objects.read({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'crud', namespace: 'default' } })) as k8s.V1ConfigMap;
    expect(read.data).to.deep.equal({ a: '1' });
    const list = await objects.list('v1', 'ConfigMap', 'default');
    expect(list.items.map((i) => i.metadata?.name)).to.include('crud');

    const replaced = (await objects.replace({ ...read, data: { a: '2' } })) as k8s.V1ConfigMap;
    expect(replaced.data).to.deep.equal({ a: '2' });
    const stale = await apiError(objects.replace({ ...read, data: { a: '3' } }));
    expect(stale.code).to.equal(409);
    expect(stale.status.reason).to.equal('Conflict');

    const patched = (await objects.patch(configMap('crud', { b: 'x' }))) as k8s.V1ConfigMap;
    expect(patched.data).to.deep.equal({ a: '2', b: 'x' });

    const status = await objects.delete(configMap('crud', {}));
    expect(status.status).to.equal('Success');
    const missing = await apiError(objects.read({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'crud', namespace: 'default' } }));
    expect(missing.code).to.equal(404);
    expect(missing.status.message).to.equal('configmaps "crud" not found');
  });

  it('lists a page at a time with limit and continue, every page at the resourceVersion of the first', async () => {
    await objects.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'paged' } });
    for (const name of ['page-c', 'page-a', 'page-b']) await objects.create({ ...configMap(name, {}), metadata: { name, namespace: 'paged' } });
    const names: string[] = [];
    const versions = new Set<string | undefined>();
    let token: string | undefined;
    do {
      const page = await objects.list('v1', 'ConfigMap', 'paged', undefined, undefined, undefined, undefined, undefined, 1, token);
      expect(page.items).to.have.length(1);
      names.push(page.items[0]!.metadata!.name!);
      versions.add(page.metadata?.resourceVersion);
      token = page.metadata?._continue;
      // A write between pages: the object comes in a later page as it is now, the version stays the first page's.
      if (names.length === 1) await objects.create({ ...configMap('page-d', {}), metadata: { name: 'page-d', namespace: 'paged' } });
    } while (token);
    expect(names).to.deep.equal(['page-a', 'page-b', 'page-c', 'page-d']);
    expect(versions.size).to.equal(1);

    const refused = await apiError(objects.list('v1', 'ConfigMap', 'paged', undefined, undefined, undefined, undefined, undefined, 1, 'bogus'));
    expect(refused.code).to.equal(400);
    expect(refused.status).to.include({ reason: 'BadRequest', message: 'the continue token is not valid: list again without it' });
  });

  it('server-side apply creates, updates, detects conflicts and forces', async () => {
    const deployment = (replicas: number, image: string): k8s.KubernetesObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'ssa', namespace: 'default' },
      spec: { replicas, selector: { matchLabels: { app: 'ssa' } }, template: { metadata: { labels: { app: 'ssa' } }, spec: { containers: [{ name: 'app', image }] } } },
    } as k8s.KubernetesObject);
    const apply = (o: k8s.KubernetesObject, manager: string, force: boolean): Promise<k8s.KubernetesObject> =>
      objects.patch(o, undefined, undefined, manager, force, k8s.PatchStrategy.ServerSideApply);
    const created = (await apply(deployment(2, 'nginx:1'), 'executor', true)) as k8s.V1Deployment;
    expect(created.metadata?.generation).to.equal(1);
    expect(created.metadata?.managedFields?.[0]?.manager).to.equal('executor');
    const updated = (await apply(deployment(2, 'nginx:2'), 'executor', true)) as k8s.V1Deployment;
    expect(updated.spec?.template.spec?.containers[0]?.image).to.equal('nginx:2');
    expect(updated.metadata?.generation).to.equal(2);
    const conflict = await apiError(apply(deployment(5, 'nginx:2'), 'someone-else', false));
    expect(conflict.code).to.equal(409);
    expect(conflict.status.message).to.equal('Apply failed with 1 conflict: conflict with "executor": .spec.replicas');
    const forced = (await apply(deployment(5, 'nginx:2'), 'someone-else', true)) as k8s.V1Deployment;
    expect(forced.spec?.replicas).to.equal(5);
  });

  it('an informer sees adds, updates and deletes and survives the server closing its watch', async () => {
    const kc = kubeConfig(t, 'member1');
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const informer = k8s.makeInformer<k8s.V1ConfigMap>(kc, '/api/v1/namespaces/default/configmaps', () => core.listNamespacedConfigMap({ namespace: 'default' }), 'informed=yes');
    const seen: string[] = [];
    informer.on('add', (o) => seen.push(`add ${o.metadata?.name}`));
    informer.on('update', (o) => seen.push(`update ${o.metadata?.name} ${o.data?.['v']}`));
    informer.on('delete', (o) => seen.push(`delete ${o.metadata?.name}`));
    await informer.start();
    try {
      const labelled = (name: string, v: string) => ({ ...configMap(name, { v }), metadata: { name, namespace: 'default', labels: { informed: 'yes' } } });
      await objects.create(labelled('inf-1', '1'));
      await eventually(() => seen.includes('add inf-1'), 5000, 'add');
      // The server closes watches after 1 s: the informer must re-watch and keep delivering.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await objects.patch(labelled('inf-1', '2'), undefined, undefined, undefined, undefined, k8s.PatchStrategy.MergePatch);
      await objects.create(labelled('inf-2', '1'));
      await objects.delete(labelled('inf-1', '2'));
      await eventually(() => seen.includes('update inf-1 2') && seen.includes('add inf-2') && seen.includes('delete inf-1'), 5000, 'events after reconnect');
      expect(seen.filter((s) => s === 'add inf-1')).to.have.length(1);
      expect(informer.list('default').map((o) => o.metadata?.name)).to.deep.equal(['inf-2']);
    } finally {
      await informer.stop();
    }
  });

  it('a watch from a compacted resourceVersion gets a 410 Expired ERROR event', async () => {
    for (let i = 0; i < 30; i++) await objects.create(configMap(`churn-${i}`, { i: String(i) }));
    const watch = new k8s.Watch(kubeConfig(t, 'member1'));
    const events: { type: string; object: { code?: number; reason?: string } }[] = [];
    await new Promise<void>((resolve, reject) => {
      watch
        .watch('/api/v1/namespaces/default/configmaps', { resourceVersion: '1' }, (type, object) => events.push({ type, object }), () => resolve())
        .catch(reject);
    });
    expect(events).to.have.length(1);
    expect(events[0]!.type).to.equal('ERROR');
    expect(events[0]!.object).to.include({ code: 410, reason: 'Expired' });
  });

  it('answers 401 without the bearer token, but serves /version and /readyz', async () => {
    const get = (path: string, token?: string) =>
      new Promise<{ code: number; body: string }>((resolve, reject) => {
        const url = new URL(`${t.sim.url}/clusters/member1${path}`);
        const req = request(url, { ca: t.sim.caPem, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ code: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
    const denied = await get('/api/v1/namespaces');
    expect(denied.code).to.equal(401);
    expect(JSON.parse(denied.body)).to.include({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    expect((await get('/api/v1/namespaces', 'wrong')).code).to.equal(401);
    expect((await get('/api/v1/namespaces', t.sim.token('member1'))).code).to.equal(200);
    expect(JSON.parse((await get('/version')).body).gitVersion).to.equal('v1.32.4');
    expect(await get('/readyz')).to.deep.equal({ code: 200, body: 'ok' });
  });
});
