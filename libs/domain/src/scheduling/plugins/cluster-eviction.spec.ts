import { expect } from 'chai';
import { bindingSpec, cluster, contextFor, viewOf } from '../fixtures.spec.js';
import { clusterEvictionPlugin } from './cluster-eviction.js';

describe('ClusterEviction plugin', () => {
  const cases = [
    { name: 'no eviction tasks', evictedFrom: [] as string[], want: [] as string[] },
    { name: 'evicted from another cluster', evictedFrom: ['member2'], want: [] },
    { name: 'being evicted from this cluster', evictedFrom: ['member1'], want: ['cluster(s) is in the process of eviction'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const spec = bindingSpec({ gracefulEvictionTasks: c.evictedFrom.map((fromCluster) => ({ fromCluster, reason: 'TaintUntolerated', producer: 'TaintManager' })) });
      expect(clusterEvictionPlugin.filter(contextFor(spec), viewOf(cluster('member1'))).reasons).to.deep.equal(c.want);
    });
  }
});
