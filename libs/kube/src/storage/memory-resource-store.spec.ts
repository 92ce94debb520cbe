import { expect, use } from 'chai';
import chaiAsPromised from 'chai-as-promised';
import type { KubeObject } from '../api/object.js';
import { parseLabelSelector } from '../selectors/label-selector.js';
import { MemoryResourceStore } from './memory-resource-store.js';
import { StoreAlreadyExistsError, StoreConflictError, StoreExpiredError, StoreNotFoundError, type StoreWatchEvent, type WatchSubscription } from './resource-store.js';

use(chaiAsPromised);

const cm = { group: '', resource: 'configmaps' };
function object(name: string, namespace = 'default', labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels } };
}
function key(name: string, namespace = 'default') {
  return { ...cm, namespace, name };
}

async function take(sub: WatchSubscription, n: number): Promise<StoreWatchEvent[]> {
  const out: StoreWatchEvent[] = [];
  for await (const e of sub) {
    out.push(e);
    if (out.length === n) break;
  }
  return out;
}

describe('MemoryResourceStore', () => {
  it('stamps a global, increasing resourceVersion on every write', async () => {
    const store = new MemoryResourceStore();
    const a = await store.create(key('a'), object('a'));
    const b = await store.create(key('b', 'other'), object('b', 'other'));
    const a2 = await store.update(key('a'), { ...a, data: { x: '1' } } as KubeObject);
    const deleted = await store.delete(key('b', 'other'));
    expect([a, b, a2, deleted].map((o) => o.metadata.resourceVersion)).to.deep.equal(['1', '2', '3', '4']);
    expect(await store.currentResourceVersion()).to.equal('4');
  });

  it('reports missing, duplicate and stale writes', async () => {
    const store = new MemoryResourceStore();
    await store.create(key('a'), object('a'));
    await expect(store.create(key('a'), object('a'))).to.be.rejectedWith(StoreAlreadyExistsError);
    await expect(store.update(key('x'), object('x'))).to.be.rejectedWith(StoreNotFoundError);
    await expect(store.update(key('a'), object('a'), { expectedResourceVersion: '7' })).to.be.rejectedWith(StoreConflictError);
    await expect(store.delete(key('a'), { expectedResourceVersion: '7' })).to.be.rejectedWith(StoreConflictError);
  });

  it('lists by namespace and selectors, sorted, with the current version', async () => {
    const store = new MemoryResourceStore();
    await store.create(key('b'), object('b', 'default', { app: 'x' }));
    await store.create(key('a'), object('a', 'default', { app: 'y' }));
    await store.create(key('c', 'other'), object('c', 'other', { app: 'x' }));
    expect((await store.list(cm)).items.map((o) => o.metadata.name)).to.deep.equal(['a', 'b', 'c']);
    expect((await store.list(cm, { namespace: 'default' })).items.map((o) => o.metadata.name)).to.deep.equal(['a', 'b']);
    const selected = await store.list(cm, { labelSelector: parseLabelSelector('app=x') });
    expect(selected.items.map((o) => o.metadata.name)).to.deep.equal(['b', 'c']);
    expect(selected.resourceVersion).to.equal('3');
  });

  it('lists a page at a time after the key where the last page ended', async () => {
    const store = new MemoryResourceStore();
    for (const [name, ns] of [['c', 'b-ns'], ['a', 'a-ns'], ['b', 'a-ns'], ['a', 'b-ns'], ['d', 'b-ns']] as const) await store.create(key(name, ns), object(name, ns));
    const names = (items: KubeObject[]) => items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
    const cases: { options: Parameters<MemoryResourceStore['list']>[1]; items: string[]; more: boolean }[] = [
      { options: { limit: 2 }, items: ['a-ns/a', 'a-ns/b'], more: true },
      { options: { limit: 2, after: { namespace: 'a-ns', name: 'b' } }, items: ['b-ns/a', 'b-ns/c'], more: true },
      { options: { limit: 2, after: { namespace: 'b-ns', name: 'c' } }, items: ['b-ns/d'], more: false },
      { options: { limit: 5 }, items: ['a-ns/a', 'a-ns/b', 'b-ns/a', 'b-ns/c', 'b-ns/d'], more: false },
      { options: { after: { namespace: 'a-ns', name: 'a' } }, items: ['a-ns/b', 'b-ns/a', 'b-ns/c', 'b-ns/d'], more: false },
      { options: { namespace: 'b-ns', limit: 1, after: { namespace: 'b-ns', name: 'a' } }, items: ['b-ns/c'], more: true },
      { options: { limit: 2, after: { namespace: 'b-ns', name: 'd' } }, items: [], more: false },
    ];
    for (const { options, items, more } of cases) {
      const page = await store.list(cm, options);
      expect({ items: names(page.items), more: page.more === true }, JSON.stringify(options)).to.deep.equal({ items, more });
    }
  });

  it('replays changes after a version, then delivers live ones', async () => {
    const store = new MemoryResourceStore();
    const a = await store.create(key('a'), object('a'));
    await store.create({ group: '', resource: 'secrets', namespace: 'default', name: 's' }, object('s'));
    await store.update(key('a'), { ...a, data: { v: '2' } } as KubeObject);
    const sub = await store.watch(cm, { fromResourceVersion: '1' });
    await store.delete(key('a'));
    const events = await take(sub, 2);
    expect(events.map((e) => [e.type, e.object.metadata.resourceVersion])).to.deep.equal([
      ['MODIFIED', '3'],
      ['DELETED', '4'],
    ]);
    sub.close();
  });

  it('answers Expired for a version older than the retained history', async () => {
    const store = new MemoryResourceStore({ historyLimit: 2 });
    for (let i = 0; i < 40; i++) await store.create(key(`o${i}`), object(`o${i}`));
    await expect(store.watch(cm, { fromResourceVersion: '1' })).to.be.rejectedWith(StoreExpiredError, /too old resource version: 1 \(\d+\)/);
    const recent = await store.watch(cm, { fromResourceVersion: '39' });
    expect((await take(recent, 1))[0]!.object.metadata.name).to.equal('o39');
  });

  it('ends iteration when a watch is closed', async () => {
    const store = new MemoryResourceStore();
    const sub = await store.watch(cm);
    setTimeout(() => sub.close(), 5);
    expect(await take(sub, 1)).to.deep.equal([]);
  });
});
