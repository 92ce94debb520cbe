import { expect } from 'chai';
import type { ClusterAffinityTerm } from '../api/policy.js';
import type { ResourceBindingSpec } from '../api/work.js';
import { buildCandidates } from './candidate-clusters.js';
import { bindingSpec, cluster, contextFor, viewOf, type ClusterOptions } from './fixtures.spec.js';
import { compileReplicaRequest } from './general-estimator.js';

describe('buildCandidates', () => {
  const term: ClusterAffinityTerm = { affinityName: 'main', clusterNames: ['a'], overflowAffinities: [{ clusterNames: ['b'] }] };
  const cases: {
    name: string;
    spec: ResourceBindingSpec;
    clusters: [string, number, ClusterOptions][];
    term?: ClusterAffinityTerm;
    want: [string, number, number, number][];
  }[] = [
    {
      name: 'sorted by score, then available replicas, then name',
      spec: bindingSpec({ replicas: 4 }),
      clusters: [['c', 0, { pods: 5 }], ['b', 0, { pods: 9 }], ['a', 0, { pods: 5 }], ['z', 100, { pods: 1 }]],
      want: [['z', 1, 1, 0], ['b', 9, 9, 0], ['a', 5, 5, 0], ['c', 5, 5, 0]],
    },
    {
      name: 'available replicas include those the binding already has',
      spec: bindingSpec({ replicas: 4, clusters: [{ name: 'a', replicas: 3 }] }),
      clusters: [['a', 100, { pods: 2 }], ['b', 0, { pods: 2 }]],
      want: [['a', 5, 2, 0], ['b', 2, 2, 0]],
    },
    {
      name: 'non-workloads skip estimation: unbounded',
      spec: bindingSpec({ resource: { apiVersion: 'v1', kind: 'ConfigMap', name: 'c' } }),
      clusters: [['a', 0, { summary: false }]],
      want: [['a', 2_147_483_647, 2_147_483_647, 0]],
    },
    {
      name: 'an estimate still unbounded becomes spec.replicas',
      spec: bindingSpec({ replicas: 7 }),
      clusters: [['a', 0, { pods: 3_000_000_000 }]],
      want: [['a', 7, 7, 0]],
    },
    {
      name: 'overflow tiers come first in the order',
      spec: bindingSpec({ replicas: 2, placement: { clusterAffinities: [term] } }),
      term,
      clusters: [['b', 100, { pods: 9 }], ['a', 0, { pods: 1 }], ['x', 100, { pods: 9 }]],
      want: [['a', 1, 1, 0], ['b', 9, 9, 1], ['x', 9, 9, 1000]],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const scored = c.clusters.map(([name, score, options]) => ({ view: viewOf(cluster(name, options)), score }));
      const candidates = buildCandidates(scored, contextFor(c.spec, {}, c.term), compileReplicaRequest(c.spec.replicaRequirements));
      expect(candidates.map((x) => [x.name, x.availableReplicas, x.allocatableReplicas, x.overflowOrder])).to.deep.equal(c.want);
    });
  }
});
