import { expect } from 'chai';
import type { KubeObject } from '@karmada-ts/domain';
import { startMemberSim, type MemberSim } from '@karmada-ts/member-sim';
import { ClusterLimiter, isRetryable, MemberError, MemberObjects, ResourceResolver, type MemberClient } from '../src/index.js';
import { clientFor, eventually, timed } from './support.js';

const configMap = (name: string, data: Record<string, string>, namespace?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(namespace ? { namespace } : {}), labels: { 'karmada.io/managed': 'true' } },
  data,
});

const deployment = (name: string, image: string, replicas = 1): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } } },
});

async function failure(promise: Promise<unknown>): Promise<MemberError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(MemberError);
    return error as MemberError;
  }
  throw new Error('expected the call to fail');
}

describe('MemberObjects', function () {
  this.timeout(20_000);
  let sim: MemberSim;
  const clients: MemberClient[] = [];
  const limiter = new ClusterLimiter({ perCluster: 2, global: 4 });
  const objectsIn = (name: string, options: { timeoutMs?: number; resolver?: (c: MemberClient) => ResourceResolver } = {}): MemberObjects => {
    const client = clientFor(sim, name);
    clients.push(client);
    return new MemberObjects(name, client, { limiter, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), ...(options.resolver ? { resolver: options.resolver(client) } : {}) });
  };
  let m1: MemberObjects;

  before(async () => {
    sim = await startMemberSim({ clusters: [{ name: 'm1', podReadySeconds: 0 }, { name: 'faulty' }, { name: 'slow' }, { name: 'fast' }, { name: 'discovered' }] });
    m1 = objectsIn('m1');
  });
  after(async () => {
    for (const c of clients) c.close();
    await sim?.stop();
  });

  it('server-side apply creates an object, owned by the karmada-ts field manager', async () => {
    const created = await m1.apply(deployment('web', 'nginx:1.27'));
    expect(created.metadata.uid).to.be.a('string');
    expect(created.metadata.generation).to.equal(1);
    expect((created.metadata.managedFields as { manager: string; operation: string }[]).map((f) => [f.manager, f.operation])).to.deep.include(['karmada-ts', 'Apply']);
    const read = await m1.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' });
    expect(read?.metadata.uid).to.equal(created.metadata.uid);
  });

  it('server-side apply updates it, ignoring server metadata left in the manifest', async () => {
    const current = await m1.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' });
    const stale = { ...deployment('web', 'nginx:1.28', 3), metadata: { ...current!.metadata, resourceVersion: '1', uid: 'not-the-uid' } };
    const updated = await m1.apply(stale);
    expect(updated.metadata.uid).to.equal(current!.metadata.uid);
    expect(updated.metadata.generation).to.equal(2);
    expect(updated.spec).to.deep.include({ replicas: 3 });
    expect((updated.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0]!.image).to.equal('nginx:1.28');
  });

  it('takes fields another manager owns when forced, and reports the conflict when not', async () => {
    const other = objectsIn('m1');
    await other.apply(configMap('shared', { k: 'theirs' }), { fieldManager: 'someone-else' });
    const conflict = await failure(m1.apply(configMap('shared', { k: 'ours' }), { force: false }));
    expect(conflict.code).to.equal(409);
    expect(conflict.retryable).to.equal(true);
    const forced = await m1.apply(configMap('shared', { k: 'ours' }));
    expect(forced['data']).to.deep.equal({ k: 'ours' });
  });

  it('puts namespaced objects without a namespace in default, and cluster-scoped ones outside any', async () => {
    const cm = await m1.apply(configMap('no-namespace', { a: '1' }));
    expect(cm.metadata.namespace).to.equal('default');
    const namespace = await m1.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', namespace: 'ignored' } });
    expect(namespace.metadata.namespace).to.equal(undefined);
  });

  it('keeps every field of a custom kind that shares a built-in kind name', async () => {
    await m1.apply({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'services.serving.knative.dev' },
      spec: {
        group: 'serving.knative.dev',
        scope: 'Namespaced',
        names: { plural: 'services', singular: 'service', kind: 'Service', listKind: 'ServiceList' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    });
    const fresh = objectsIn('m1', { resolver: (c) => new ResourceResolver(c, { recheckMissingAfterMs: 0 }) });
    const knative: KubeObject = {
      apiVersion: 'serving.knative.dev/v1',
      kind: 'Service',
      metadata: { name: 'hello', namespace: 'default' },
      spec: { template: { spec: { containers: [{ image: 'ghcr.io/knative/helloworld-go', env: [{ name: 'TARGET', value: 'Go' }] }] } } },
    };
    const applied = await eventually(() => fresh.apply(knative), 10_000, 'the custom kind to be served');
    expect(applied.spec).to.deep.equal(knative.spec);
  });

  it('deletes with background propagation; a missing object or kind is already gone', async () => {
    const ref = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' };
    expect(await m1.delete(ref)).to.equal('deleted');
    expect(await eventually(async () => (await m1.get(ref)) === undefined, 5_000, 'the deployment to go')).to.equal(true);
    expect(await m1.delete(ref)).to.equal('absent');
    expect(await m1.delete({ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w' })).to.equal('absent');
  });

  it('an invalid object is a permanent error carrying the member message', async () => {
    const error = await failure(m1.apply(configMap('Not_A_Name', { a: '1' })));
    expect(error.code).to.equal(422);
    expect(error.reason).to.equal('Invalid');
    expect(error.retryable).to.equal(false);
    expect(isRetryable(error)).to.equal(false);
    expect(error.message).to.equal(error.status?.message).and.to.include('Not_A_Name');
  });

  it('a kind the member does not serve is a permanent NoKindMatch', async () => {
    const error = await failure(m1.apply({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' } }));
    expect(error).to.include({ code: 404, reason: 'NoKindMatch', retryable: false, message: 'no matches for kind "Widget" in version "example.com/v1"' });
    const missingKind = await failure(m1.get({ apiVersion: 'v1', kind: 'Widget', name: 'w' }));
    expect(missingKind.reason).to.equal('NoKindMatch');
  });

  it('a namespace that does not exist yet is retryable, and ensureNamespace creates it once', async () => {
    const error = await failure(m1.apply(configMap('early', { a: '1' }, 'later')));
    expect(error.code).to.equal(404);
    expect(error.retryable).to.equal(true);
    await m1.ensureNamespace('later');
    await m1.ensureNamespace('later');
    expect((await m1.apply(configMap('early', { a: '1' }, 'later'))).metadata.namespace).to.equal('later');
  });

  it('ensureNamespace gives a namespace it creates the labels asked for, and never changes one that exists', async () => {
    const namespace = (name: string) => m1.get({ apiVersion: 'v1', kind: 'Namespace', name });
    await m1.ensureNamespace('made', { 'karmada.io/managed': 'true' });
    expect((await namespace('made'))?.metadata.labels).to.deep.equal({ 'karmada.io/managed': 'true' });

    // The namespace's own manifest, applied by the same field manager, keeps its labels and annotations.
    await m1.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'propagated', labels: { 'karmada.io/managed': 'true', team: 'a' }, annotations: { 'work.karmada.io/name': 'w' } } });
    await m1.ensureNamespace('propagated', { other: 'label' });
    const kept = await namespace('propagated');
    expect(kept?.metadata.labels).to.deep.equal({ 'karmada.io/managed': 'true', team: 'a' });
    expect(kept?.metadata.annotations).to.deep.equal({ 'work.karmada.io/name': 'w' });
  });

  it('discovers kinds ahead of their first use, once per group version, leaving out a kind the member does not serve', async () => {
    const objects = objectsIn('discovered');
    const served = () => sim.clusters().find((c) => c.name === 'discovered')!.requests;
    const kinds = [
      { apiVersion: 'v1', kind: 'ConfigMap' },
      { apiVersion: 'v1', kind: 'Namespace' },
      { apiVersion: 'apps/v1', kind: 'Deployment' },
      { apiVersion: 'example.com/v1', kind: 'Widget' },
    ];
    await objects.discover(kinds);
    expect(served(), 'v1, apps/v1 and example.com/v1').to.equal(3);
    await objects.discover(kinds);
    expect(served(), 'all of them known now').to.equal(3);
    await objects.apply(deployment('discovered', 'nginx:1.27'));
    expect(served(), 'the apply alone').to.equal(4);

    sim.setFaults('discovered', { errorRate: 1, errorCode: 503 });
    const unavailable = await failure(objects.discover([{ apiVersion: 'batch/v1', kind: 'Job' }]));
    expect(unavailable).to.include({ code: 503, retryable: true });
    sim.setFaults('discovered', { errorRate: 0 });
  });

  it('injected server errors and throttling are retryable', async () => {
    const faulty = objectsIn('faulty');
    await faulty.apply(configMap('warm-up', { a: '1' })); // discovery cached before the faults start
    sim.setFaults('faulty', { errorRate: 1, errorCode: 500 });
    const internal = await failure(faulty.apply(configMap('x', { a: '1' })));
    expect(internal).to.include({ kind: 'api', code: 500, reason: 'InternalError', retryable: true });
    sim.setFaults('faulty', { errorRate: 1, errorCode: 429 });
    const throttled = await failure(faulty.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'x' }));
    expect(throttled).to.include({ code: 429, retryable: true });
    sim.setFaults('faulty', { errorRate: 0 });
  });

  it('a member that does not answer in time is a retryable timeout', async () => {
    const impatient = objectsIn('faulty', { timeoutMs: 200 });
    sim.setFaults('faulty', { latencyMs: 2_000 });
    const { ms, value } = await timed(failure(impatient.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'x' })));
    expect(value).to.include({ kind: 'timeout', retryable: true });
    expect(ms).to.be.lessThan(600);
    sim.setFaults('faulty', { latencyMs: 0 });
  });

  it('a slow member does not delay applies to another', async () => {
    const slow = objectsIn('slow');
    const fast = objectsIn('fast');
    sim.setFaults('slow', { latencyMs: 400 });
    const slowApplies = Promise.all(Array.from({ length: 6 }, (_, i) => timed(slow.apply(configMap(`s${i}`, { i: String(i) })))));
    await eventually(() => limiter.load('slow').queued > 0, 2_000, 'the slow member to have a backlog');
    expect(limiter.load('slow').active).to.equal(2);
    const quick = await timed(fast.apply(configMap('f', { a: '1' })));
    expect(quick.ms).to.be.lessThan(300);
    const slowTimes = (await slowApplies).map((t) => t.ms);
    expect(Math.max(...slowTimes)).to.be.greaterThan(1_200); // six calls, two at a time, 400 ms each
    sim.setFaults('slow', { latencyMs: 0 });
  });
});
