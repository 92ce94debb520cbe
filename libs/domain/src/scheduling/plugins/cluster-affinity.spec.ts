import { expect } from 'chai';
import type { Placement } from '../../api/policy.js';
import type { ResourceBindingSpec } from '../../api/work.js';
import { bindingSpec, cluster, contextFor, viewOf } from '../fixtures.spec.js';
import { clusterAffinityPlugin } from './cluster-affinity.js';

describe('ClusterAffinity plugin', () => {
  const member1 = viewOf(cluster('member1', { labels: { tier: 'spare' } }));
  const terms: Placement['clusterAffinities'] = [
    { affinityName: 'primary', clusterNames: ['member2'], overflowAffinities: [{ labelSelector: { matchLabels: { tier: 'spare' } } }] },
    { affinityName: 'backup', clusterNames: ['member1'] },
  ];
  const workload = (placement: Placement): ResourceBindingSpec => bindingSpec({ placement, replicas: 3 });
  const cases: { name: string; spec: ResourceBindingSpec; term?: string; want: string }[] = [
    { name: 'no affinity: every cluster fits', spec: workload({}), want: 'Success' },
    { name: 'clusterAffinity names it', spec: workload({ clusterAffinity: { clusterNames: ['member1'] } }), want: 'Success' },
    { name: 'clusterAffinity excludes it', spec: workload({ clusterAffinity: { exclude: ['member1'] } }), want: 'Unschedulable' },
    { name: 'the term being tried names it', spec: workload({ clusterAffinities: terms }), term: 'backup', want: 'Success' },
    { name: 'a workload fits an overflow affinity of the term', spec: workload({ clusterAffinities: terms }), term: 'primary', want: 'Success' },
    {
      name: 'a non-workload ignores overflow affinities',
      spec: bindingSpec({ resource: { apiVersion: 'v1', kind: 'ConfigMap', name: 'c' }, placement: { clusterAffinities: terms } }),
      term: 'primary',
      want: 'Unschedulable',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const term = c.spec.placement?.clusterAffinities?.find((t) => t.affinityName === c.term);
      const result = clusterAffinityPlugin.filter(contextFor(c.spec, {}, term), member1);
      expect(result.code).to.equal(c.want);
      if (c.want !== 'Success') expect(result.reasons).to.deep.equal(['cluster(s) did not match the placement cluster affinity constraint']);
    });
  }

  it('scores 0', () => expect(clusterAffinityPlugin.score(contextFor(workload({})), member1)).to.equal(0));
});
