import { expect } from 'chai';
import { bindingSpec, cluster, contextFor, viewOf } from '../fixtures.spec.js';
import { clusterLocalityPlugin } from './cluster-locality.js';

describe('ClusterLocality plugin', () => {
  const cases = [
    { name: 'nothing scheduled yet', clusters: [] as string[], want: 0 },
    { name: 'scheduled elsewhere', clusters: ['member2'], want: 0 },
    { name: 'already scheduled here', clusters: ['member1', 'member2'], want: 100 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const spec = bindingSpec({ clusters: c.clusters.map((name) => ({ name, replicas: 1 })) });
      expect(clusterLocalityPlugin.score(contextFor(spec), viewOf(cluster('member1')))).to.equal(c.want);
    });
  }
});
