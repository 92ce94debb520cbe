import { expect } from 'chai';
import type { Cluster } from '@karmada-ts/domain';
import type { ClusterParts, SchedulerReadModel } from '../read-models/scheduler-read-model.js';
import { ClusterCache } from './cluster-cache.js';

/** Read models in memory: Clusters by name with a version each, and the names each read of Clusters asked for. */
function fakeReadModel() {
  const rows = new Map<string, ClusterParts>();
  const reads: string[][] = [];
  const versionChecks: number[] = [];
  const readModel = {
    clustersVersion: async () => {
      versionChecks.push(versionChecks.length + 1);
      return [...rows.values()].map((r) => `${r.name}@${r.version}`).join(',');
    },
    clusterVersions: async () => new Map([...rows.values()].map((r) => [r.name, r.version])),
    clustersNamed: async (names: readonly string[]) => {
      reads.push([...names].sort());
      return names.flatMap((name) => rows.get(name) ?? []);
    },
  } as unknown as SchedulerReadModel;
  const put = (name: string, version: string, allocatable?: string) => {
    const spec = { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name }, spec: {} } as Cluster;
    const status = allocatable === undefined ? null : ({ name, status: { resourceSummary: { allocatable: { cpu: allocatable } } } } as unknown as ClusterParts['status']);
    rows.set(name, { name, version, spec, status });
  };
  return { readModel, rows, reads, versionChecks, put };
}

describe('ClusterCache', () => {
  it('reads every Cluster first, then only those whose spec or status moved', async () => {
    const { readModel, reads, put } = fakeReadModel();
    put('member1', '1/2', '4');
    put('member2', '3/4', '8');
    const cache = new ClusterCache(readModel);
    expect([...(await cache.current()).clusters.keys()].sort()).to.deep.equal(['member1', 'member2']);

    await cache.current();
    put('member2', '3/9', '16');
    const view = await cache.current();
    expect(reads).to.deep.equal([['member1', 'member2'], ['member2']]);
    expect(view.clusters.get('member2')?.status?.resourceSummary?.allocatable).to.deep.equal({ cpu: '16' });
    expect(view.snapshot.byName.has('member1')).to.equal(true);
  });

  it('calls made before a refresh starts share it; a call made while one runs gets the next', async () => {
    const { readModel, versionChecks, put } = fakeReadModel();
    put('member1', '1/2', '4');
    const cache = new ClusterCache(readModel);
    const together = [cache.current(), cache.current(), cache.current()];
    await Promise.all(together);
    expect(versionChecks).to.have.length(1);

    const running = cache.current();
    await Promise.resolve();
    put('member1', '1/3', '8');
    const later = cache.current();
    await running;
    expect((await later).clusters.get('member1')?.status?.resourceSummary?.allocatable).to.deep.equal({ cpu: '8' });
    expect(versionChecks).to.have.length(3);
  });

  it('drops a Cluster whose spec is gone, and picks up a new one', async () => {
    const { readModel, rows, reads, put } = fakeReadModel();
    put('member1', '1/', undefined);
    put('member2', '2/', undefined);
    const cache = new ClusterCache(readModel);
    await cache.current();
    rows.delete('member1');
    put('member3', '5/', undefined);
    const view = await cache.current();
    expect([...view.clusters.keys()].sort()).to.deep.equal(['member2', 'member3']);
    expect([...view.snapshot.byName.keys()].sort()).to.deep.equal(['member2', 'member3']);
    expect(reads.at(-1)).to.deep.equal(['member3']);
  });

  it('reads nothing while the tables did not change', async () => {
    const { readModel, reads, put } = fakeReadModel();
    put('member1', '1/2', '4');
    const cache = new ClusterCache(readModel);
    const first = await cache.current();
    expect(await cache.current()).to.equal(first);
    expect(reads).to.have.length(1);
  });
});
