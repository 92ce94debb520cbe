import { expect } from 'chai';
import type { ClusterAffinityTerm, Placement } from '../api/policy.js';
import type { ResourceBindingSpec } from '../api/work.js';
import { bindingSpec, contextFor } from './fixtures.spec.js';

describe('schedulingContext', () => {
  const withOverflow: ClusterAffinityTerm = { affinityName: 'main', clusterNames: ['a'], overflowAffinities: [{ clusterNames: ['b'] }, { clusterNames: ['c'] }] };
  const emptyOverflow: ClusterAffinityTerm = { affinityName: 'main', clusterNames: ['a'], overflowAffinities: [] };
  const plain: ClusterAffinityTerm = { affinityName: 'main', clusterNames: ['a'] };
  const workload = (placement: Placement): ResourceBindingSpec => bindingSpec({ replicas: 2, placement });
  const cases: { name: string; spec: ResourceBindingSpec; term?: ClusterAffinityTerm; want: { tiers: number; filterTiers: number; overflow: boolean; termName?: string } | undefined }[] = [
    { name: 'no affinity at all', spec: workload({}), want: undefined },
    { name: 'clusterAffinity: one tier', spec: workload({ clusterAffinity: { clusterNames: ['a'] } }), want: { tiers: 1, filterTiers: 1, overflow: false } },
    { name: 'a term with overflow, for a workload', spec: workload({ clusterAffinities: [withOverflow] }), term: withOverflow, want: { tiers: 3, filterTiers: 3, overflow: true, termName: 'main' } },
    {
      name: 'a term with overflow, for a non-workload: only its own tier filters',
      spec: bindingSpec({ resource: { apiVersion: 'v1', kind: 'ConfigMap', name: 'c' }, placement: { clusterAffinities: [withOverflow] } }),
      term: withOverflow,
      want: { tiers: 3, filterTiers: 1, overflow: true, termName: 'main' },
    },
    { name: 'an empty overflow list still switches to tiered assignment', spec: workload({ clusterAffinities: [emptyOverflow] }), term: emptyOverflow, want: { tiers: 1, filterTiers: 1, overflow: true, termName: 'main' } },
    { name: 'a term without overflow', spec: workload({ clusterAffinities: [plain] }), term: plain, want: { tiers: 1, filterTiers: 1, overflow: false, termName: 'main' } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const affinity = contextFor(c.spec, {}, c.term).affinity;
      expect(affinity && { tiers: affinity.tiers.length, filterTiers: affinity.filterTiers, overflow: affinity.overflow, ...(affinity.termName ? { termName: affinity.termName } : {}) }).to.deep.equal(c.want);
    });
  }

  it('sees the status with the term being tried as the observed one', () => {
    const context = contextFor(workload({ clusterAffinities: [plain] }), { schedulerObservingAffinityName: 'older', lastScheduledTime: 't' }, plain);
    expect(context.status).to.deep.equal({ schedulerObservingAffinityName: 'main', lastScheduledTime: 't' });
  });

  it('indexes the current result and the clusters being evicted from', () => {
    const context = contextFor(
      bindingSpec({ replicas: 3, clusters: [{ name: 'a', replicas: 2 }, { name: 'b', replicas: 1 }], gracefulEvictionTasks: [{ fromCluster: 'c', reason: 'r', producer: 'p' }] }),
    );
    expect([...context.scheduled]).to.deep.equal([['a', 2], ['b', 1]]);
    expect([...context.evicting]).to.deep.equal(['c']);
    expect(context.servedKind).to.equal('apps/v1\nDeployment');
  });
});
