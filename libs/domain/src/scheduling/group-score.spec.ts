import { expect } from 'chai';
import type { Placement } from '../api/policy.js';
import { candidate } from './fixtures.spec.js';
import { groupScore } from './group-score.js';

const clusters = (score: number, available: number[]) => available.map((a, i) => candidate(`m${i + 1}`, { score, available: a }));
const duplicated: Placement = { replicaScheduling: { replicaSchedulingType: 'Duplicated' } };
const divided: Placement = {
  replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' },
  spreadConstraints: [{ spreadByField: 'region', minGroups: 2, maxGroups: 2 }, { spreadByField: 'cluster', minGroups: 1, maxGroups: 5 }],
};

describe('groupScore', () => {
  const cases: { name: string; placement: Placement; replicas: number; minGroups: number; clusters: ReturnType<typeof clusters>; want: number }[] = [
    { name: 'Duplicated: two of five clusters hold 50, score 100', placement: duplicated, replicas: 50, minGroups: 1, clusters: clusters(100, [60, 70, 40, 30, 10]), want: 2100 },
    { name: 'Duplicated: four of four clusters hold 50, score 0 — more clusters win', placement: duplicated, replicas: 50, minGroups: 1, clusters: clusters(0, [60, 60, 60, 60]), want: 4000 },
    { name: 'Duplicated: same count, higher score wins', placement: duplicated, replicas: 50, minGroups: 1, clusters: clusters(0, [100, 100, 10, 10]), want: 2000 },
    { name: 'Duplicated: no cluster holds them', placement: duplicated, replicas: 50, minGroups: 1, clusters: clusters(100, [10, 20]), want: 0 },
    { name: 'Divided: short of the target, score averaged over the group', placement: divided, replicas: 100, minGroups: 2, clusters: clusters(100, [10, 10, 10, 10, 5]), want: 45100 },
    { name: 'Divided: target reached after two clusters', placement: divided, replicas: 100, minGroups: 2, clusters: clusters(0, [40, 30, 10, 10]), want: 50000 },
    { name: 'Divided: both reach it, the better balanced group wins', placement: divided, replicas: 100, minGroups: 2, clusters: clusters(100, [40, 40, 10, 10, 5]), want: 50100 },
  ];
  for (const c of cases) {
    it(c.name, () => expect(groupScore(c.clusters, c.placement, c.replicas, c.minGroups)).to.equal(c.want));
  }
});
