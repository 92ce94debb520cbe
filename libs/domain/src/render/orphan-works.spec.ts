import { expect } from 'chai';
import type { ResourceBinding, ResourceBindingSpec, Work } from '../api/work.js';
import { awaitingDirectPurge, clusterOfWork, orphanWorks } from './orphan-works.js';
import { workTargetClusters } from './target-clusters.js';

const work = (cluster: string, bindingId = 'rb-id'): Work => ({
  apiVersion: 'work.karmada.io/v1alpha1',
  kind: 'Work',
  metadata: { name: 'nginx-687f7fb96f', namespace: `karmada-es-${cluster}`, labels: { 'resourcebinding.karmada.io/permanent-id': bindingId } },
  spec: { workload: { manifests: [] } },
});
const binding = (spec: Partial<ResourceBindingSpec>): ResourceBinding => ({
  apiVersion: 'work.karmada.io/v1alpha2',
  kind: 'ResourceBinding',
  metadata: { name: 'nginx-deployment', namespace: 'default', labels: { 'resourcebinding.karmada.io/permanent-id': 'rb-id' } },
  spec: { resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx' }, ...spec },
});
const works = ['a', 'b', 'c', 'd'].map((c) => work(c));

describe('orphanWorks', () => {
  const cases: { name: string; spec: Partial<ResourceBindingSpec>; want: string[] }[] = [
    { name: 'no clusters: every Work is an orphan', spec: {}, want: ['a', 'b', 'c', 'd'] },
    { name: 'target clusters keep their Works', spec: { clusters: [{ name: 'a' }, { name: 'b' }] }, want: ['c', 'd'] },
    { name: 'requiredBy clusters keep their Works', spec: { clusters: [{ name: 'a' }], requiredBy: [{ namespace: 'default', name: 'x', clusters: [{ name: 'c' }] }] }, want: ['b', 'd'] },
    {
      name: 'graceful eviction keeps the Work, Directly purge does not',
      spec: {
        clusters: [{ name: 'a' }],
        gracefulEvictionTasks: [
          { fromCluster: 'b', purgeMode: 'Gracefully', reason: 'TaintUntolerated', producer: 'TaintManager' },
          { fromCluster: 'c', purgeMode: 'Directly', reason: 'ApplicationFailure', producer: 'x' },
          { fromCluster: 'd', reason: 'TaintUntolerated', producer: 'TaintManager' },
        ],
      },
      want: ['c'],
    },
  ];
  for (const c of cases) it(c.name, () => expect(orphanWorks(binding(c.spec), works).map(clusterOfWork)).to.deep.equal(c.want));

  it('only looks at Works of this binding', () => {
    expect(orphanWorks(binding({}), [work('a', 'other-binding'), work('b')]).map(clusterOfWork)).to.deep.equal(['b']);
  });
});

describe('awaitingDirectPurge', () => {
  const evicting = binding({ clusters: [{ name: 'b' }], gracefulEvictionTasks: [{ fromCluster: 'a', purgeMode: 'Directly', reason: 'x', producer: 'y' }] });
  it('waits while a Directly-purged cluster still has a Work', () => expect(awaitingDirectPurge(evicting, [work('a'), work('b')])).to.equal(true));
  it('goes on once it is deleted', () => expect(awaitingDirectPurge(evicting, [work('b')])).to.equal(false));
});

describe('workTargetClusters', () => {
  it('lists spec.clusters then new requiredBy clusters, once each', () => {
    expect(
      workTargetClusters({
        resource: { apiVersion: 'v1', kind: 'ConfigMap', name: 'c' },
        clusters: [{ name: 'a', replicas: 1 }],
        requiredBy: [
          { name: 'x', clusters: [{ name: 'a', replicas: 5 }, { name: 'b', replicas: 2 }] },
          { name: 'y', clusters: [{ name: 'b' }, { name: 'c' }] },
        ],
      }),
    ).to.deep.equal([{ name: 'a', replicas: 1 }, { name: 'b', replicas: 2 }, { name: 'c' }]);
  });
  it('a Work outside an execution space has no cluster', () => expect(clusterOfWork({ ...work('a'), metadata: { namespace: 'default' } })).to.equal(undefined));
});
