import { expect } from 'chai';
import type { KubeObject } from '@karmada-ts/domain';
import { startMemberSim, type MemberSim } from '@karmada-ts/member-sim';
import { ClusterLimiter, ManagedObjectInformers, MemberObjects, ResourceResolver, type MemberClient, type MemberObjectEvent } from '../src/index.js';
import { clientFor, eventually } from './support.js';

const configMap = (name: string, data: Record<string, string>, managed = true): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', labels: managed ? { 'karmada.io/managed': 'true' } : { team: 'member' } },
  data,
});
const configMaps = { apiVersion: 'v1', kind: 'ConfigMap' };
const widgets = { apiVersion: 'example.com/v1', kind: 'Widget' };

describe('ManagedObjectInformers', function () {
  this.timeout(20_000);
  let sim: MemberSim;
  let client: MemberClient;
  let objects: MemberObjects;
  let informers: ManagedObjectInformers;
  const events: MemberObjectEvent[] = [];
  const errors: string[] = [];
  const seen = (type: MemberObjectEvent['type'], name: string): MemberObjectEvent | undefined => events.find((e) => e.type === type && e.object.metadata.name === name);

  before(async () => {
    sim = await startMemberSim({ clusters: [{ name: 'm1' }], maxWatchSeconds: 1 });
    client = clientFor(sim, 'm1');
    objects = new MemberObjects('m1', client, { limiter: new ClusterLimiter() });
    informers = new ManagedObjectInformers('m1', client, {
      onEvent: (event) => events.push(event),
      onError: (kind, error) => errors.push(`${kind.kind}: ${(error as Error).message}`),
      resolver: new ResourceResolver(client, { recheckMissingAfterMs: 0 }),
      watch: { backoff: { initialMs: 50, maxMs: 200 } },
      packAfterMs: 50,
    });
  });
  after(async () => {
    await informers?.stop();
    client?.close();
    await sim?.stop();
  });

  it('lists what exists when a kind is first watched, managed objects only', async () => {
    await objects.apply(configMap('before', { a: '1' }));
    await objects.apply(configMap('unmanaged', { a: '1' }, false));
    informers.watch(configMaps);
    informers.watch(configMaps); // idempotent
    expect(await informers.waitForSync(configMaps, 5_000)).to.equal(true);
    expect(seen('added', 'before')).to.include({ cluster: 'm1' });
    expect(seen('added', 'unmanaged')).to.equal(undefined);
    const cached = informers.get({ ...configMaps, namespace: 'default', name: 'before' });
    expect(cached?.['data']).to.deep.equal({ a: '1' });
    expect(cached?.metadata.managedFields).to.equal(undefined);
    expect(cached).to.include({ apiVersion: 'v1', kind: 'ConfigMap' });
  });

  it('gives the object as it is once its cached copy is packed, and tells which objects it holds', async () => {
    await objects.apply(configMap('settled', { a: '1' }));
    const ref = { ...configMaps, namespace: 'default', name: 'settled' };
    await eventually(() => informers.has(ref), 5_000, 'the object in the cache');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(informers.get(ref)?.['data']).to.deep.equal({ a: '1' });
    expect(informers.has({ ...ref, name: 'absent' })).to.equal(false);
    expect(informers.has({ ...widgets, namespace: 'default', name: 'settled' })).to.equal(false);
  });

  it('sees adds, updates (with the previous object) and deletes', async () => {
    await objects.apply(configMap('live', { v: '1' }));
    await eventually(() => seen('added', 'live'), 5_000, 'the add');
    await objects.apply(configMap('live', { v: '2' }));
    const update = await eventually(() => seen('updated', 'live'), 5_000, 'the update');
    expect(update.object['data']).to.deep.equal({ v: '2' });
    expect(update.previous?.['data']).to.deep.equal({ v: '1' });
    await objects.delete({ ...configMaps, namespace: 'default', name: 'live' });
    const deletion = await eventually(() => seen('deleted', 'live'), 5_000, 'the delete');
    expect(deletion.object['data']).to.deep.equal({ v: '2' });
    expect(informers.get({ ...configMaps, namespace: 'default', name: 'live' })).to.equal(undefined);
  });

  it('keeps watching after the server ends the watch (every second here)', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    await objects.apply(configMap('after-close', { a: '1' }));
    await eventually(() => seen('added', 'after-close'), 5_000, 'an add after the watch was closed');
  });

  it('reconnects when the member comes back and hands over what changed while it was away', async () => {
    const errorsBefore = errors.length;
    sim.setHealth('m1', 'unreachable');
    await eventually(() => errors.length > errorsBefore, 5_000, 'the watch to fail');
    // Changed behind the informer's back while it cannot reach the member.
    const cluster = sim.cluster('m1')!;
    await cluster.service.delete(cluster.service.registry.get('', 'v1', 'configmaps')!, 'default', 'before');
    sim.setHealth('m1', 'healthy');
    await eventually(() => seen('deleted', 'before'), 5_000, 'the missed delete');
    await objects.apply(configMap('back', { a: '1' }));
    await eventually(() => seen('added', 'back'), 5_000, 'an add after the member came back');
  });

  it('waits for a kind the member does not serve yet', async () => {
    informers.watch(widgets);
    await eventually(() => errors.some((e) => e.startsWith('Widget: no matches for kind "Widget"')), 5_000, 'the NoKindMatch');
    expect(informers.synced(widgets)).to.equal(false);
    await objects.apply({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    });
    expect(await informers.waitForSync(widgets, 5_000)).to.equal(true);
    const widget = { ...widgets, metadata: { name: 'w1', namespace: 'default', labels: { 'karmada.io/managed': 'true' } }, spec: { size: 3 } };
    await eventually(() => objects.apply(widget), 5_000, 'the widget to be applied');
    await eventually(() => seen('added', 'w1'), 5_000, 'the widget add');
  });

  it('stops the kinds no longer needed', async () => {
    await informers.setKinds([widgets]);
    expect(informers.kinds()).to.deep.equal([widgets]);
    expect(informers.synced(configMaps)).to.equal(false);
    const count = events.length;
    await objects.apply(configMap('unwatched', { a: '1' }));
    await objects.apply({ ...widgets, metadata: { name: 'w2', namespace: 'default', labels: { 'karmada.io/managed': 'true' } } });
    await eventually(() => seen('added', 'w2'), 5_000, 'the second widget');
    expect(events.slice(count).map((e) => e.object.metadata.name)).to.deep.equal(['w2']);
  });
});
