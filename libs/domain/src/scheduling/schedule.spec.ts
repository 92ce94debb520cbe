import { expect } from 'chai';
import type { Cluster } from '../api/cluster.js';
import type { Taint } from '../api/meta.js';
import type { ClusterAffinityTerm, Placement, ReplicaSchedulingStrategy } from '../api/policy.js';
import type { ResourceBindingSpec, ResourceBindingStatus, TargetCluster } from '../api/work.js';
import { buildClusterSnapshot } from './cluster-snapshot.js';
import { bindingSpec, cluster } from './fixtures.spec.js';
import { schedule, type ScheduleResult } from './schedule.js';

const notReady: Taint = { key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule' };
const dynamic: ReplicaSchedulingStrategy = { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { dynamicWeight: 'AvailableReplicas' } };
const aggregated: ReplicaSchedulingStrategy = { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' };
const workload = (replicas: number, placement: Placement, more: Partial<ResourceBindingSpec> = {}) => bindingSpec({ replicas, placement, ...more });
const configMap = (placement: Placement) => bindingSpec({ resource: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'cfg' }, placement });

interface Case {
  name: string;
  spec: ResourceBindingSpec;
  status?: ResourceBindingStatus;
  clusters: Cluster[];
  enableEmptyWorkloadPropagation?: boolean;
  want: {
    reason: string;
    message?: string | RegExp;
    clusters?: TargetCluster[] | 'unchanged';
    affinityName?: string;
    retry?: boolean;
    attempts?: [string, string?][];
  };
}

function check(cases: Case[]) {
  for (const c of cases) {
    it(c.name, () => {
      const result = schedule({
        spec: c.spec,
        ...(c.status ? { status: c.status } : {}),
        clusters: c.clusters,
        ...(c.enableEmptyWorkloadPropagation ? { enableEmptyWorkloadPropagation: true } : {}),
      });
      expect(result.condition.reason).to.equal(c.want.reason);
      expect(result.condition.status).to.equal(c.want.reason === 'Success' ? 'True' : 'False');
      if (typeof c.want.message === 'string') expect(result.condition.message).to.equal(c.want.message);
      if (c.want.message instanceof RegExp) expect(result.condition.message).to.match(c.want.message);
      if (c.want.clusters === 'unchanged') expect(result).to.not.have.property('clusters');
      else if (c.want.clusters) expect(result.clusters).to.deep.equal(c.want.clusters);
      expect(result.affinityName).to.equal(c.want.affinityName);
      if (c.want.retry !== undefined) expect(result.retry).to.equal(c.want.retry);
      if (c.want.attempts) expect(result.attempts.map((a) => (a.error ? [a.affinityName, a.error.kind] : [a.affinityName]))).to.deep.equal(c.want.attempts);
    });
  }
}

describe('schedule', () => {
  describe('filtering and the FitError', () => {
    check([
      {
        name: "Karmada's FitError message: counted reasons, sorted",
        spec: workload(2, { clusterAffinity: { clusterNames: ['m1', 'm2'] } }),
        clusters: [cluster('m1', { taints: [notReady] }), cluster('m2', { taints: [notReady] }), cluster('m3'), cluster('m4'), cluster('m5')],
        want: {
          reason: 'NoClusterFit',
          message:
            '0/5 clusters are available: 2 cluster(s) had untolerated taint {cluster.karmada.io/not-ready:NoSchedule}, 3 cluster(s) did not match the placement cluster affinity constraint.',
          clusters: [],
          retry: false,
        },
      },
      {
        name: 'clusters being deleted are skipped but counted',
        spec: workload(1, {}),
        clusters: [cluster('m1', { deleting: true }), cluster('m2', { taints: [notReady] })],
        want: { reason: 'NoClusterFit', message: '0/2 clusters are available: 1 cluster(s) had untolerated taint {cluster.karmada.io/not-ready:NoSchedule}.' },
      },
      { name: 'no clusters at all', spec: workload(1, {}), clusters: [], want: { reason: 'NoClusterFit', message: '0/0 clusters are available: no cluster exists.', clusters: [] } },
      {
        name: 'a tolerated taint does not filter',
        spec: workload(2, { clusterTolerations: [{ key: notReady.key, operator: 'Exists' }] }),
        clusters: [cluster('m1', { taints: [notReady] })],
        want: { reason: 'Success', clusters: [{ name: 'm1', replicas: 2 }] },
      },
      {
        name: 'a tainted cluster already in the result stays (the taint manager evicts, not the scheduler)',
        spec: workload(2, {}, { clusters: [{ name: 'm1', replicas: 2 }] }),
        clusters: [cluster('m1', { taints: [{ key: 'x', effect: 'NoExecute' }] }), cluster('m2')],
        want: { reason: 'Success', clusters: [{ name: 'm1', replicas: 2 }, { name: 'm2', replicas: 2 }] },
      },
      {
        name: 'a cluster that does not serve the kind is left out',
        spec: workload(1, {}),
        clusters: [cluster('m1', { apis: ['v1/ConfigMap'] }), cluster('m2')],
        want: { reason: 'Success', clusters: [{ name: 'm2', replicas: 1 }] },
      },
      {
        name: 'a cluster being evicted from is left out',
        spec: workload(1, {}, { gracefulEvictionTasks: [{ fromCluster: 'm1', reason: 'TaintUntolerated', producer: 'TaintManager' }] }),
        clusters: [cluster('m1'), cluster('m2')],
        want: { reason: 'Success', clusters: [{ name: 'm2', replicas: 1 }] },
      },
    ]);
  });

  describe('replica assignment through the pipeline', () => {
    check([
      {
        name: 'Duplicated by default',
        spec: workload(3, {}),
        clusters: [cluster('m2'), cluster('m1')],
        want: { reason: 'Success', message: 'Binding has been scheduled successfully.', clusters: [{ name: 'm1', replicas: 3 }, { name: 'm2', replicas: 3 }], retry: false },
      },
      {
        name: 'a non-workload goes to every cluster without replica count',
        spec: configMap({}),
        clusters: [cluster('m1'), cluster('m2')],
        want: { reason: 'Success', clusters: [{ name: 'm1' }, { name: 'm2' }] },
      },
      {
        name: 'dynamic weight: 12 over free 6/12/18 → 2/4/6',
        spec: workload(12, { replicaScheduling: dynamic }),
        clusters: [cluster('A', { pods: 6 }), cluster('B', { pods: 12 }), cluster('C', { pods: 18 })],
        want: { reason: 'Success', clusters: [{ name: 'A', replicas: 2 }, { name: 'B', replicas: 4 }, { name: 'C', replicas: 6 }] },
      },
      {
        name: 'aggregated: 12 over free 6/12/18 → C 12',
        spec: workload(12, { replicaScheduling: aggregated }),
        clusters: [cluster('A', { pods: 6 }), cluster('B', { pods: 12 }), cluster('C', { pods: 18 })],
        want: { reason: 'Success', clusters: [{ name: 'C', replicas: 12 }] },
      },
      {
        name: 'resource requests bound the estimate',
        spec: workload(6, { replicaScheduling: dynamic }, { replicaRequirements: { resourceRequest: { cpu: '500m', memory: '1Gi' } } }),
        clusters: [cluster('A', { allocatable: { cpu: '1', memory: '64Gi' } }), cluster('B', { allocatable: { cpu: '2', memory: '64Gi' } })],
        want: { reason: 'Success', clusters: [{ name: 'A', replicas: 2 }, { name: 'B', replicas: 4 }] },
      },
      {
        name: 'static weight 9 at 1:2 → 3:6',
        spec: workload(9, {
          replicaScheduling: {
            replicaSchedulingType: 'Divided',
            replicaDivisionPreference: 'Weighted',
            weightPreference: { staticWeightList: [{ targetCluster: { clusterNames: ['A'] }, weight: 1 }, { targetCluster: { clusterNames: ['B'] }, weight: 2 }] },
          },
        }),
        clusters: [cluster('A'), cluster('B')],
        want: { reason: 'Success', clusters: [{ name: 'A', replicas: 3 }, { name: 'B', replicas: 6 }] },
      },
      {
        name: 'not enough room: Unschedulable, retried, result untouched',
        spec: workload(100, { replicaScheduling: dynamic }, { clusters: [{ name: 'A', replicas: 10 }] }),
        clusters: [cluster('A', { pods: 10 }), cluster('B', { pods: 20 })],
        want: {
          reason: 'Unschedulable',
          message: 'failed to assign replicas: failed to scale up: Clusters available replicas 30 are not enough to schedule.',
          clusters: 'unchanged',
          retry: true,
        },
      },
      {
        name: 'scale down keeps the replicas where they were, in proportion',
        spec: workload(6, { replicaScheduling: dynamic }, { clusters: [{ name: 'A', replicas: 4 }, { name: 'B', replicas: 8 }] }),
        clusters: [cluster('A', { pods: 0 }), cluster('B', { pods: 0 }), cluster('C', { pods: 100 })],
        want: { reason: 'Success', clusters: [{ name: 'A', replicas: 2 }, { name: 'B', replicas: 4 }] },
      },
      {
        name: 'empty workload propagation keeps a cluster that got 0',
        spec: workload(1, { replicaScheduling: dynamic }),
        clusters: [cluster('A', { pods: 5 }), cluster('B', { pods: 1 })],
        enableEmptyWorkloadPropagation: true,
        want: { reason: 'Success', clusters: [{ name: 'A', replicas: 1 }, { name: 'B' }] },
      },
      {
        name: 'an invalid resource request is a SchedulerError',
        spec: workload(1, {}, { replicaRequirements: { resourceRequest: { cpu: 'a lot' } } }),
        clusters: [cluster('A')],
        want: { reason: 'SchedulerError', message: /^invalid replicaRequirements: quantities must match/, clusters: 'unchanged', retry: true },
      },
    ]);
  });

  describe('spread constraints', () => {
    const regions = [
      cluster('east-1', { region: 'east', pods: 10 }),
      cluster('east-2', { region: 'east', pods: 10 }),
      cluster('west-1', { region: 'west', pods: 50 }),
      cluster('nowhere', { pods: 50 }),
    ];
    check([
      {
        name: 'spread by region: only the region holding minGroups clusters qualifies',
        spec: workload(2, { spreadConstraints: [{ spreadByField: 'region', minGroups: 1, maxGroups: 1 }, { spreadByField: 'cluster', minGroups: 2, maxGroups: 2 }] }),
        clusters: regions,
        want: { reason: 'Success', clusters: [{ name: 'east-1', replicas: 2 }, { name: 'east-2', replicas: 2 }] },
      },
      {
        name: 'spread by region: two regions, the best cluster of each',
        spec: workload(2, { spreadConstraints: [{ spreadByField: 'region', minGroups: 2, maxGroups: 2 }, { spreadByField: 'cluster', minGroups: 2, maxGroups: 2 }] }),
        clusters: regions,
        want: { reason: 'Success', clusters: [{ name: 'east-1', replicas: 2 }, { name: 'west-1', replicas: 2 }] },
      },
      {
        name: 'spread by region: not enough regions',
        spec: workload(2, { spreadConstraints: [{ spreadByField: 'region', minGroups: 3, maxGroups: 3 }, { spreadByField: 'cluster', minGroups: 1, maxGroups: 3 }] }),
        clusters: regions,
        want: { reason: 'SchedulerError', message: 'failed to select clusters: the number of feasible region is less than spreadConstraint.MinGroups', clusters: 'unchanged' },
      },
      {
        name: 'spread by cluster: the largest clusters for a divided workload',
        spec: workload(40, { replicaScheduling: dynamic, spreadConstraints: [{ spreadByField: 'cluster', maxGroups: 2 }] }),
        clusters: regions,
        want: { reason: 'Success', clusters: [{ name: 'nowhere', replicas: 20 }, { name: 'west-1', replicas: 20 }] },
      },
      {
        name: 'spread by cluster: fewer clusters than minGroups',
        spec: workload(1, { spreadConstraints: [{ spreadByField: 'cluster', minGroups: 5, maxGroups: 5 }] }),
        clusters: regions,
        want: { reason: 'SchedulerError', message: 'failed to select clusters: the number of feasible clusters is less than spreadConstraint.MinGroups' },
      },
    ]);
  });

  describe('clusterAffinities fallback', () => {
    const terms: ClusterAffinityTerm[] = [
      { affinityName: 'primary', clusterNames: ['p1'] },
      { affinityName: 'backup', clusterNames: ['b1'] },
      { affinityName: 'last-resort', clusterNames: ['l1'] },
    ];
    const healthy = [cluster('p1'), cluster('b1'), cluster('l1')];
    const primaryDown = [cluster('p1', { taints: [notReady] }), cluster('b1'), cluster('l1')];
    check([
      { name: 'the first term fits', spec: workload(1, { clusterAffinities: terms }), clusters: healthy, want: { reason: 'Success', clusters: [{ name: 'p1', replicas: 1 }], affinityName: 'primary', attempts: [['primary']] } },
      {
        name: 'falls back to the next term',
        spec: workload(1, { clusterAffinities: terms }),
        clusters: primaryDown,
        want: { reason: 'Success', clusters: [{ name: 'b1', replicas: 1 }], affinityName: 'backup', attempts: [['primary', 'FitError'], ['backup']] },
      },
      {
        name: 'starts from the term observed last',
        spec: workload(1, { clusterAffinities: terms }),
        status: { schedulerObservingAffinityName: 'backup' },
        clusters: healthy,
        want: { reason: 'Success', clusters: [{ name: 'b1', replicas: 1 }], affinityName: 'backup', attempts: [['backup']] },
      },
      {
        name: 'an observed term that is gone: starts from the first',
        spec: workload(1, { clusterAffinities: terms }),
        status: { schedulerObservingAffinityName: 'removed' },
        clusters: healthy,
        want: { reason: 'Success', clusters: [{ name: 'p1', replicas: 1 }], affinityName: 'primary' },
      },
      {
        name: 'Fresh mode starts from the first term again',
        spec: workload(1, { clusterAffinities: terms }, { rescheduleTriggeredAt: '2025-01-02T00:00:00Z' }),
        status: { schedulerObservingAffinityName: 'backup', lastScheduledTime: '2025-01-01T00:00:00Z' },
        clusters: healthy,
        want: { reason: 'Success', clusters: [{ name: 'p1', replicas: 1 }], affinityName: 'primary' },
      },
      {
        name: "every term fails: the first term's error, the result cleared",
        spec: workload(1, { clusterAffinities: terms }),
        clusters: [cluster('other')],
        want: {
          reason: 'NoClusterFit',
          message: '0/1 clusters are available: 1 cluster(s) did not match the placement cluster affinity constraint.',
          clusters: [],
          attempts: [['primary', 'FitError'], ['backup', 'FitError'], ['last-resort', 'FitError']],
        },
      },
      {
        name: 'every term fails, the first not with a FitError: result untouched',
        spec: workload(50, { clusterAffinities: terms.slice(0, 2), replicaScheduling: dynamic }),
        clusters: [cluster('p1', { pods: 5 })],
        want: {
          reason: 'Unschedulable',
          message: 'failed to assign replicas: failed to scale up: Clusters available replicas 5 are not enough to schedule.',
          clusters: 'unchanged',
          attempts: [['primary', 'Unschedulable'], ['backup', 'FitError']],
        },
      },
      {
        name: 'overflow affinities take what the primary tier cannot',
        spec: workload(8, { clusterAffinities: [{ affinityName: 'main', clusterNames: ['p1'], overflowAffinities: [{ clusterNames: ['b1'] }] }], replicaScheduling: dynamic }),
        clusters: [cluster('p1', { pods: 5 }), cluster('b1', { pods: 50 }), cluster('l1', { pods: 50 })],
        want: { reason: 'Success', clusters: [{ name: 'b1', replicas: 3 }, { name: 'p1', replicas: 5 }], affinityName: 'main' },
      },
    ]);
  });

  describe('determinism and explanations', () => {
    const clusters = [cluster('c', { pods: 7 }), cluster('a', { pods: 3, taints: [notReady] }), cluster('b', { pods: 9 }), cluster('d', { labels: { env: 'dev' } })];
    const spec = workload(4, { replicaScheduling: dynamic, clusterAffinity: { exclude: ['d'] } }, { clusters: [{ name: 'b', replicas: 1 }], resource: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-1' } });

    it('decides the same whatever order the clusters arrive in', () => {
      const results: ScheduleResult[] = [clusters, [...clusters].reverse(), [clusters[2]!, clusters[0]!, clusters[3]!, clusters[1]!]].map((list) => schedule({ spec, clusters: list }));
      for (const result of results.slice(1)) expect(result).to.deep.equal(results[0]);
    });

    it('gives the same decision from a shared snapshot', () => {
      expect(schedule({ spec, clusters: buildClusterSnapshot(clusters) })).to.deep.equal(schedule({ spec, clusters }));
    });

    it('explains every cluster', () => {
      const result = schedule({ spec, clusters });
      expect(result.clusters).to.deep.equal([{ name: 'b', replicas: 3 }, { name: 'c', replicas: 1 }]);
      expect(result.explanations).to.deep.equal([
        { cluster: 'a', verdict: 'Filtered', rejectedBy: { plugin: 'TaintToleration', reasons: ['cluster(s) had untolerated taint {cluster.karmada.io/not-ready:NoSchedule}'] } },
        { cluster: 'b', verdict: 'Selected', score: 100, availableReplicas: 10, allocatableReplicas: 9, assignedReplicas: 3 },
        { cluster: 'c', verdict: 'Selected', score: 0, availableReplicas: 7, allocatableReplicas: 7, assignedReplicas: 1 },
        { cluster: 'd', verdict: 'Filtered', rejectedBy: { plugin: 'ClusterAffinity', reasons: ['cluster(s) did not match the placement cluster affinity constraint'] } },
      ]);
      expect(result.event).to.deep.equal({ type: 'Normal', reason: 'ScheduleBindingSucceed', message: 'Binding has been scheduled successfully. Result: {b:3, c:1}' });
    });

    it('explains clusters spread constraints left out, and why an API is missing', () => {
      const result = schedule({
        spec: workload(1, { spreadConstraints: [{ spreadByField: 'cluster', maxGroups: 1 }] }),
        clusters: [cluster('a', { pods: 3 }), cluster('b', { pods: 9 }), cluster('c', { apis: [], completeApis: false })],
      });
      expect(result.explanations.map((e) => [e.cluster, e.verdict, e.rejectedBy?.detail])).to.deep.equal([
        ['a', 'NotSelected', undefined],
        ['b', 'Selected', undefined],
        ['c', 'Filtered', "apps/v1, Kind=Deployment is not in the cluster's API list, which is incomplete"],
      ]);
    });
  });
});
