import { expect } from 'chai';
import type { Placement, SpreadConstraint } from '../api/policy.js';
import type { CandidateCluster } from './candidate-clusters.js';
import { candidate } from './fixtures.spec.js';
import { groupByRegion, selectBestClusters, selectClustersByCluster, selectClustersByRegion, type RegionGroup } from './select-clusters.js';

const names = (clusters: readonly CandidateCluster[]) => clusters.map((c) => c.name);
const dynamic = { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { dynamicWeight: 'AvailableReplicas' } } as const;

describe('selectClustersByCluster', () => {
  const swapIn = [candidate('member1', { score: 60, available: 40 }), candidate('member2', { score: 50, available: 30 }), candidate('member3', { score: 40, available: 60 })];
  const cases: { name: string; candidates: CandidateCluster[]; constraint: SpreadConstraint; need?: number; want?: string[]; error?: string }[] = [
    { name: 'fewer candidates than minGroups', candidates: swapIn, constraint: { minGroups: 4, maxGroups: 5 }, error: 'the number of feasible clusters is less than spreadConstraint.MinGroups' },
    { name: 'the best maxGroups, capacity not checked (Duplicated)', candidates: swapIn, constraint: { minGroups: 1, maxGroups: 2 }, want: ['member1', 'member2'] },
    { name: 'maxGroups above the count: all', candidates: swapIn, constraint: { minGroups: 1, maxGroups: 9 }, need: 100, want: ['member1', 'member2', 'member3'] },
    { name: 'enough capacity: no swap', candidates: swapIn, constraint: { minGroups: 1, maxGroups: 2 }, need: 70, want: ['member1', 'member2'] },
    { name: 'short of capacity: the weakest is swapped for the largest remaining', candidates: swapIn, constraint: { minGroups: 1, maxGroups: 2 }, need: 80, want: ['member1', 'member3'] },
    { name: 'still short after swapping', candidates: swapIn, constraint: { minGroups: 1, maxGroups: 2 }, need: 200, error: 'no enough resource when selecting 2 clusters' },
    { name: 'maxGroups unset selects none, as in Karmada', candidates: swapIn, constraint: { minGroups: 1 }, need: 1, error: 'no enough resource when selecting 0 clusters' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const outcome = selectClustersByCluster(c.candidates, c.constraint, c.need);
      if (c.error) expect(outcome).to.deep.equal({ ok: false, error: { kind: 'SchedulerError', message: c.error } });
      else expect(outcome.ok && names(outcome.value)).to.deep.equal(c.want);
    });
  }
});

describe('selectClustersByRegion', () => {
  const region = (name: string, score: number, clusters: [string, number, number][]): RegionGroup => ({
    name,
    score,
    clusters: clusters.map(([n, s, a]) => candidate(n, { score: s, available: a, region: name })),
  });
  const twoRegions = [region('R1', 100, [['member1', 100, 40], ['member2', 80, 40]]), region('R2', 80, [['member3', 80, 40], ['member4', 80, 40], ['member5', 60, 40]])];
  const cases: { name: string; regions: RegionGroup[]; region: SpreadConstraint; cluster: SpreadConstraint; want?: string[]; error?: string }[] = [
    { name: 'the region with the higher score', regions: twoRegions, region: { minGroups: 1, maxGroups: 1 }, cluster: { minGroups: 2, maxGroups: 2 }, want: ['member1', 'member2'] },
    { name: 'the region with enough clusters', regions: twoRegions, region: { minGroups: 1, maxGroups: 1 }, cluster: { minGroups: 3, maxGroups: 3 }, want: ['member3', 'member4', 'member5'] },
    {
      name: 'regions with enough clusters and the higher score',
      regions: [
        region('R1', 90, [['member1', 90, 40]]),
        region('R2', 70, [['member2', 70, 40], ['member3', 60, 40], ['member4', 30, 40]]),
        region('R3', 80, [['member5', 80, 40], ['member6', 50, 60]]),
        region('R4', 50, [['member7', 50, 50], ['member8', 40, 50], ['member9', 10, 50], ['member10', 0, 50]]),
      ],
      region: { minGroups: 2, maxGroups: 2 },
      cluster: { minGroups: 4, maxGroups: 5 },
      want: ['member1', 'member2', 'member3', 'member4'],
    },
    {
      name: 'more than minGroups regions when fewer cannot hold minGroups clusters',
      regions: [
        region('R1', 70, [['member1', 70, 40]]),
        region('R2', 40, [['member2', 40, 40], ['member3', 40, 40], ['member4', 40, 40]]),
        region('R3', 60, [['member5', 60, 40], ['member6', 50, 60]]),
        region('R4', 70, [['member7', 70, 100]]),
        region('R5', 50, [['member8', 50, 50]]),
      ],
      region: { minGroups: 1, maxGroups: 3 },
      cluster: { minGroups: 6, maxGroups: 8 },
      want: ['member1', 'member5', 'member2', 'member6', 'member3', 'member4'],
    },
    { name: 'not enough regions', regions: twoRegions, region: { minGroups: 3, maxGroups: 3 }, cluster: { minGroups: 3, maxGroups: 3 }, error: 'the number of feasible region is less than spreadConstraint.MinGroups' },
    { name: 'not enough clusters in any region', regions: twoRegions, region: { minGroups: 1, maxGroups: 1 }, cluster: { minGroups: 4, maxGroups: 4 }, error: 'the number of clusters is less than the cluster spreadConstraint.MinGroups' },
    { name: 'no cluster constraint: the best cluster of each region', regions: twoRegions, region: { minGroups: 2, maxGroups: 2 }, cluster: { minGroups: 0, maxGroups: 0 }, want: ['member1', 'member3'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const outcome = selectClustersByRegion(c.regions, c.region, c.cluster);
      if (c.error) expect(outcome).to.deep.equal({ ok: false, error: { kind: 'SchedulerError', message: c.error } });
      else expect(outcome.ok && names(outcome.value)).to.deep.equal(c.want);
    });
  }
});

describe('selectBestClusters', () => {
  const candidates = [
    candidate('a1', { score: 100, available: 10, region: 'east' }),
    candidate('b1', { score: 0, available: 30, region: 'west' }),
    candidate('a2', { score: 0, available: 20, region: 'east' }),
    candidate('none', { score: 0, available: 5 }),
  ];
  const cases: { name: string; placement: Placement; replicas: number; want?: string[]; error?: string }[] = [
    { name: 'no spread constraints: every candidate', placement: {}, replicas: 5, want: ['a1', 'b1', 'a2', 'none'] },
    {
      name: 'static weights ignore spread constraints',
      placement: {
        replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { staticWeightList: [{ targetCluster: {}, weight: 1 }] } },
        spreadConstraints: [{ spreadByField: 'cluster', minGroups: 1, maxGroups: 1 }],
      },
      replicas: 5,
      want: ['a1', 'b1', 'a2', 'none'],
    },
    {
      name: 'spread by cluster with capacity check',
      placement: { replicaScheduling: dynamic, spreadConstraints: [{ spreadByField: 'cluster', minGroups: 1, maxGroups: 2 }] },
      replicas: 35,
      want: ['a1', 'b1'],
    },
    {
      name: 'spread by cluster swaps in capacity',
      placement: { replicaScheduling: dynamic, spreadConstraints: [{ spreadByField: 'cluster', minGroups: 1, maxGroups: 1 }] },
      replicas: 25,
      want: ['b1'],
    },
    {
      name: 'spread by region (with cluster)',
      placement: { spreadConstraints: [{ spreadByField: 'region', minGroups: 2, maxGroups: 2 }, { spreadByField: 'cluster', minGroups: 2, maxGroups: 2 }] },
      replicas: 5,
      want: ['a1', 'b1'],
    },
    {
      name: 'spread by label falls back to the cluster constraint',
      placement: { spreadConstraints: [{ spreadByLabel: 'team', minGroups: 1 }, { spreadByField: 'cluster', minGroups: 1, maxGroups: 3 }] },
      replicas: 5,
      want: ['a1', 'b1', 'a2'],
    },
    { name: 'spread by zone alone is not supported', placement: { spreadConstraints: [{ spreadByField: 'zone', minGroups: 1, maxGroups: 2 }] }, replicas: 5, error: 'just support cluster and region spread constraint' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const outcome = selectBestClusters(candidates, c.placement, c.replicas);
      if (c.error) expect(outcome).to.deep.equal({ ok: false, error: { kind: 'SchedulerError', message: c.error } });
      else expect(outcome.ok && names(outcome.value)).to.deep.equal(c.want);
    });
  }

  it('groups candidates by region, leaving out those without one', () => {
    const regions = groupByRegion(candidates, {}, 5, 1);
    expect(regions.map((r) => [r.name, names(r.clusters)])).to.deep.equal([
      ['east', ['a1', 'a2']],
      ['west', ['b1']],
    ]);
  });
});
