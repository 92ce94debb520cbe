import { expect } from 'chai';
import type { ClusterAffinityTerm, Placement, ReplicaSchedulingStrategy, StaticClusterWeight } from '../api/policy.js';
import type { ResourceBindingStatus, TargetCluster } from '../api/work.js';
import { assignReplicas } from './assign-replicas.js';
import type { CandidateCluster } from './candidate-clusters.js';
import { bindingSpec, candidate, contextFor } from './fixtures.spec.js';

const weighted = (staticWeightList?: StaticClusterWeight[]): ReplicaSchedulingStrategy => ({
  replicaSchedulingType: 'Divided',
  replicaDivisionPreference: 'Weighted',
  ...(staticWeightList ? { weightPreference: { staticWeightList } } : {}),
});
const weight = (clusterNames: string[], w: number): StaticClusterWeight => ({ targetCluster: { clusterNames }, weight: w });
const dynamic: ReplicaSchedulingStrategy = { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { dynamicWeight: 'AvailableReplicas' } };
const aggregated: ReplicaSchedulingStrategy = { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' };
/** Candidates with the given allocatable replicas (available = allocatable + what each already has). */
const free = (entries: [string, number][], previous: TargetCluster[] = []): CandidateCluster[] =>
  entries.map(([name, allocatable]) =>
    candidate(name, { allocatableReplicas: allocatable, available: allocatable + (previous.find((p) => p.name === name)?.replicas ?? 0) }),
  );
const three = free([['m1', 0], ['m2', 0], ['m3', 0]]);

interface Case {
  name: string;
  strategy?: ReplicaSchedulingStrategy;
  placement?: Placement;
  replicas: number;
  previous?: TargetCluster[];
  candidates: CandidateCluster[];
  status?: ResourceBindingStatus;
  rescheduleTriggeredAt?: string;
  term?: ClusterAffinityTerm;
  nonWorkload?: boolean;
  want?: TargetCluster[];
  error?: { kind: string; message: string };
}

function run(c: Case) {
  const spec = bindingSpec({
    ...(c.nonWorkload ? { resource: { apiVersion: 'v1', kind: 'ConfigMap', name: 'cm' } } : { replicas: c.replicas, replicaRequirements: {} }),
    placement: c.placement ?? (c.strategy ? { replicaScheduling: c.strategy } : {}),
    ...(c.previous ? { clusters: c.previous } : {}),
    ...(c.rescheduleTriggeredAt ? { rescheduleTriggeredAt: c.rescheduleTriggeredAt } : {}),
  });
  return assignReplicas(c.candidates, contextFor(spec, c.status, c.term));
}

function check(cases: Case[]) {
  for (const c of cases) {
    it(c.name, () => {
      const outcome = run(c);
      if (c.error) expect(outcome).to.deep.equal({ ok: false, error: c.error });
      else expect(outcome).to.deep.equal({ ok: true, value: c.want });
    });
  }
}

describe('assignReplicas', () => {
  describe('Duplicated and non-workloads', () => {
    check([
      { name: 'Duplicated: every cluster gets all replicas', replicas: 3, candidates: three, want: [{ name: 'm1', replicas: 3 }, { name: 'm2', replicas: 3 }, { name: 'm3', replicas: 3 }] },
      { name: 'Duplicated at 0 replicas: the clusters are dropped', replicas: 0, candidates: three, want: [] },
      { name: 'non-workload: every cluster, no replica count', replicas: 0, nonWorkload: true, candidates: three, want: [{ name: 'm1' }, { name: 'm2' }, { name: 'm3' }] },
      { name: 'no cluster selected', replicas: 3, candidates: [], error: { kind: 'SchedulerError', message: 'no clusters available to schedule' } },
      {
        name: 'Divided without a preference is not supported',
        placement: { replicaScheduling: { replicaSchedulingType: 'Divided' } },
        replicas: 3,
        candidates: three,
        error: {
          kind: 'SchedulerError',
          message: 'unsupported replica scheduling strategy, replicaSchedulingType: Divided, replicaDivisionPreference: , please try another scheduling strategy',
        },
      },
    ]);
  });

  describe('StaticWeight', () => {
    check([
      { name: '9 replicas at 1:2 → 3:6', strategy: weighted([weight(['m1'], 1), weight(['m2'], 2)]), replicas: 9, candidates: three.slice(0, 2), want: [{ name: 'm1', replicas: 3 }, { name: 'm2', replicas: 6 }] },
      { name: '9 replicas at 1:3 → 2:7', strategy: weighted([weight(['m1'], 1), weight(['m2'], 3)]), replicas: 9, candidates: three.slice(0, 2), want: [{ name: 'm1', replicas: 2 }, { name: 'm2', replicas: 7 }] },
      {
        name: '12 replicas at 3:2:1',
        strategy: weighted([weight(['m1'], 3), weight(['m2'], 2), weight(['m3'], 1)]),
        replicas: 12,
        candidates: three,
        want: [{ name: 'm1', replicas: 6 }, { name: 'm2', replicas: 4 }, { name: 'm3', replicas: 2 }],
      },
      {
        name: '14 replicas at 3:2:1: remainders by Webster',
        strategy: weighted([weight(['m1'], 3), weight(['m2'], 2), weight(['m3'], 1)]),
        replicas: 14,
        candidates: three,
        want: [{ name: 'm1', replicas: 7 }, { name: 'm2', replicas: 5 }, { name: 'm3', replicas: 2 }],
      },
      ...(
        [
          [3, [1, 1], [2, 1]],
          [5, [1, 1, 1], [2, 2, 1]],
          [7, [2, 1, 1, 1], [3, 2, 1, 1]],
          [8, [2, 1, 1, 1], [3, 2, 2, 1]],
          [9, [2, 1, 1, 1], [3, 2, 2, 2]],
          [6, [1, 1, 1, 1], [2, 2, 1, 1]],
          [6, [2, 1, 1, 1], [3, 1, 1, 1]],
          [5, [1, 1, 1, 1], [2, 1, 1, 1]],
        ] as const
      ).map(([replicas, weights, want]): Case => ({
        name: `${replicas} replicas at ${weights.join(':')} → ${want.join(':')} (ties to the lower name)`,
        strategy: weighted(weights.map((w, i) => weight([`m${i + 1}`], w))),
        replicas,
        candidates: free(weights.map((_, i): [string, number] => [`m${i + 1}`, 0])),
        want: want.map((r, i) => ({ name: `m${i + 1}`, replicas: r })),
      })),
      { name: 'no weight preference: equal weights', strategy: weighted(), replicas: 12, candidates: three, want: [{ name: 'm1', replicas: 4 }, { name: 'm2', replicas: 4 }, { name: 'm3', replicas: 4 }] },
      { name: 'a cluster matching no weight is left out', strategy: weighted([weight(['m1'], 1)]), replicas: 2, candidates: three.slice(0, 2), want: [{ name: 'm1', replicas: 2 }] },
      { name: 'the largest matching weight counts', strategy: weighted([weight(['m1'], 1), weight(['m2'], 1), weight(['m1'], 2)]), replicas: 3, candidates: three.slice(0, 2), want: [{ name: 'm1', replicas: 2 }, { name: 'm2', replicas: 1 }] },
      { name: 'no cluster matches any weight: weight 1 each', strategy: weighted([weight(['other'], 5)]), replicas: 4, candidates: three.slice(0, 2), want: [{ name: 'm1', replicas: 2 }, { name: 'm2', replicas: 2 }] },
      { name: 'a cluster left with 0 is dropped', strategy: weighted([weight(['m1'], 1), weight(['m2'], 1)]), replicas: 1, candidates: three.slice(0, 2), want: [{ name: 'm1', replicas: 1 }] },
      {
        name: 'from scratch: the previous result plays no part',
        strategy: weighted([weight(['m1'], 1), weight(['m2'], 1)]),
        replicas: 4,
        previous: [{ name: 'm1', replicas: 4 }],
        candidates: three.slice(0, 2),
        want: [{ name: 'm1', replicas: 2 }, { name: 'm2', replicas: 2 }],
      },
    ]);
  });

  describe('DynamicWeight and Aggregated, first schedule', () => {
    check([
      { name: 'dynamic: 12 over free 6/12/18 → 2/4/6', strategy: dynamic, replicas: 12, candidates: free([['A', 6], ['B', 12], ['C', 18]]), want: [{ name: 'A', replicas: 2 }, { name: 'B', replicas: 4 }, { name: 'C', replicas: 6 }] },
      { name: 'aggregated: 12 over free 6/12/18 → C 12', strategy: aggregated, replicas: 12, candidates: free([['A', 6], ['B', 12], ['C', 18]]), want: [{ name: 'C', replicas: 12 }] },
      { name: 'dynamic 12 at 6:8:10', strategy: dynamic, replicas: 12, candidates: free([['m1', 6], ['m2', 8], ['m3', 10]]), want: [{ name: 'm1', replicas: 3 }, { name: 'm2', replicas: 4 }, { name: 'm3', replicas: 5 }] },
      { name: 'dynamic 12 at 8:8:10', strategy: dynamic, replicas: 12, candidates: free([['m1', 8], ['m2', 8], ['m3', 10]]), want: [{ name: 'm1', replicas: 4 }, { name: 'm2', replicas: 4 }, { name: 'm3', replicas: 4 }] },
      { name: 'aggregated 12 at 6:8:10: the two largest', strategy: aggregated, replicas: 12, candidates: free([['m1', 6], ['m2', 8], ['m3', 10]]), want: [{ name: 'm2', replicas: 5 }, { name: 'm3', replicas: 7 }] },
      { name: 'aggregated 12 at 12:8:10: one cluster', strategy: aggregated, replicas: 12, candidates: free([['m1', 12], ['m2', 8], ['m3', 10]]), want: [{ name: 'm1', replicas: 12 }] },
      {
        name: 'dynamic 12 at 3:3:3: not enough',
        strategy: dynamic,
        replicas: 12,
        candidates: free([['m1', 3], ['m2', 3], ['m3', 3]]),
        error: { kind: 'Unschedulable', message: 'failed to scale up: Clusters available replicas 9 are not enough to schedule.' },
      },
      {
        name: 'aggregated 12 at 3:3:3: not enough',
        strategy: aggregated,
        replicas: 12,
        candidates: free([['m1', 3], ['m2', 3], ['m3', 3]]),
        error: { kind: 'Unschedulable', message: 'failed to scale up: Clusters available replicas 9 are not enough to schedule.' },
      },
    ]);
  });

  describe('DynamicWeight and Aggregated, Steady rescheduling', () => {
    const previous = [{ name: 'm1', replicas: 2 }, { name: 'm2', replicas: 4 }, { name: 'm3', replicas: 6 }];
    check([
      { name: 'unchanged: the previous result', strategy: dynamic, replicas: 12, previous, candidates: free([['m1', 0], ['m2', 0], ['m3', 0]], previous), want: previous },
      {
        name: 'dynamic 12 → 6: shrinks in proportion',
        strategy: dynamic,
        replicas: 6,
        previous,
        candidates: free([['m1', 1], ['m2', 1], ['m3', 1]], previous),
        want: [{ name: 'm1', replicas: 1 }, { name: 'm2', replicas: 2 }, { name: 'm3', replicas: 3 }],
      },
      {
        name: 'dynamic 12 → 24 at 10:10:10: only the 12 new replicas are divided',
        strategy: dynamic,
        replicas: 24,
        previous,
        candidates: free([['m1', 10], ['m2', 10], ['m3', 10]], previous),
        want: [{ name: 'm1', replicas: 6 }, { name: 'm2', replicas: 8 }, { name: 'm3', replicas: 10 }],
      },
      {
        name: 'dynamic 12 → 24 at 1:1:1: not enough',
        strategy: dynamic,
        replicas: 24,
        previous,
        candidates: free([['m1', 1], ['m2', 1], ['m3', 1]], previous),
        error: { kind: 'Unschedulable', message: 'failed to scale up: Clusters available replicas 3 are not enough to schedule.' },
      },
      {
        name: 'aggregated 12 → 6: the largest cluster keeps them',
        strategy: aggregated,
        replicas: 6,
        previous: [{ name: 'm1', replicas: 4 }, { name: 'm2', replicas: 8 }],
        candidates: free([['m1', 1], ['m2', 1], ['m3', 1]]),
        want: [{ name: 'm2', replicas: 6 }],
      },
      {
        name: 'aggregated 12 → 8 at 100:100',
        strategy: aggregated,
        replicas: 8,
        previous: [{ name: 'm1', replicas: 4 }, { name: 'm2', replicas: 8 }],
        candidates: free([['m1', 100], ['m2', 100]]),
        want: [{ name: 'm2', replicas: 8 }],
      },
      {
        name: 'aggregated 12 → 24 at 4:6:8: used clusters first, then as few as needed',
        strategy: aggregated,
        replicas: 24,
        previous: [{ name: 'm1', replicas: 4 }, { name: 'm2', replicas: 8 }],
        candidates: free([['m1', 4], ['m2', 6], ['m3', 8]]),
        want: [{ name: 'm1', replicas: 7 }, { name: 'm2', replicas: 12 }, { name: 'm3', replicas: 5 }],
      },
      {
        name: 'aggregated 12 → 24 at 6:6:20: the used clusters suffice',
        strategy: aggregated,
        replicas: 24,
        previous: [{ name: 'm1', replicas: 4 }, { name: 'm2', replicas: 8 }],
        candidates: free([['m1', 6], ['m2', 6], ['m3', 20]]),
        want: [{ name: 'm1', replicas: 10 }, { name: 'm2', replicas: 14 }],
      },
      {
        name: 'aggregated 12 → 24 at 1:1:1: not enough',
        strategy: aggregated,
        replicas: 24,
        previous: [{ name: 'm1', replicas: 4 }, { name: 'm2', replicas: 8 }],
        candidates: free([['m1', 1], ['m2', 1], ['m3', 1]]),
        error: { kind: 'Unschedulable', message: 'failed to scale up: Clusters available replicas 3 are not enough to schedule.' },
      },
      {
        name: 'replicas on a cluster no longer selected are placed again',
        strategy: aggregated,
        replicas: 24,
        previous: [{ name: 'm1', replicas: 4 }, { name: 'm2', replicas: 8 }],
        candidates: free([['m1', 4], ['m3', 8], ['m4', 12]]),
        want: [{ name: 'm1', replicas: 7 }, { name: 'm3', replicas: 7 }, { name: 'm4', replicas: 10 }],
      },
    ]);
  });

  describe('Fresh mode', () => {
    const previous = [{ name: 'A', replicas: 10 }, { name: 'B', replicas: 2 }];
    const candidates = free([['A', 0], ['B', 10], ['C', 12]], previous);
    const fresh = { rescheduleTriggeredAt: '2025-01-02T00:00:00Z', status: { lastScheduledTime: '2025-01-01T00:00:00Z' } };
    check([
      { name: 'Steady keeps a result that already adds up', strategy: aggregated, replicas: 12, previous, candidates, want: previous },
      { name: 'Fresh aggregates anew over free + running replicas', strategy: aggregated, replicas: 12, previous, candidates, ...fresh, want: [{ name: 'B', replicas: 12 }] },
      { name: 'Fresh divides anew by free + running replicas', strategy: dynamic, replicas: 12, previous, candidates, ...fresh, want: [{ name: 'A', replicas: 4 }, { name: 'B', replicas: 4 }, { name: 'C', replicas: 4 }] },
      {
        name: 'Fresh needs the whole count to fit',
        strategy: dynamic,
        replicas: 40,
        previous,
        candidates,
        ...fresh,
        error: { kind: 'Unschedulable', message: 'failed to do fresh scale: Clusters available replicas 34 are not enough to schedule.' },
      },
      {
        name: 'a trigger older than the last schedule is Steady',
        strategy: aggregated,
        replicas: 12,
        previous,
        candidates,
        rescheduleTriggeredAt: '2024-12-31T00:00:00Z',
        status: { lastScheduledTime: '2025-01-01T00:00:00Z' },
        want: previous,
      },
    ]);
  });

  describe('overflow affinities', () => {
    const term: ClusterAffinityTerm = { affinityName: 'main', clusterNames: ['m1'], overflowAffinities: [{ clusterNames: ['m2'] }] };
    const placement: Placement = { clusterAffinities: [term], replicaScheduling: dynamic };
    const tiered = (m1: [number, number], m2: [number, number]) => [
      candidate('m1', { available: m1[0], allocatableReplicas: m1[1], overflowOrder: 0 }),
      candidate('m2', { available: m2[0], allocatableReplicas: m2[1], overflowOrder: 1 }),
    ];
    check([
      { name: 'the primary tier has room: no overflow', placement, term, replicas: 5, candidates: tiered([10, 10], [10, 10]), want: [{ name: 'm1', replicas: 5 }] },
      { name: 'the primary tier is full: the rest overflows', placement, term, replicas: 5, candidates: tiered([2, 2], [10, 10]), want: [{ name: 'm1', replicas: 2 }, { name: 'm2', replicas: 3 }] },
      {
        name: 'every tier full',
        placement,
        term,
        replicas: 10,
        candidates: tiered([2, 2], [2, 2]),
        error: { kind: 'Unschedulable', message: 'Clusters available replicas are not enough to schedule.' },
      },
      {
        name: 'replicas already in the primary tier count as room there',
        placement,
        term,
        replicas: 8,
        previous: [{ name: 'm1', replicas: 3 }],
        candidates: tiered([5, 2], [10, 10]),
        want: [{ name: 'm1', replicas: 5 }, { name: 'm2', replicas: 3 }],
      },
    ]);
  });
});
