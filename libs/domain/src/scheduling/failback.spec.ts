import { expect } from 'chai';
import type { Cluster } from '../api/cluster.js';
import type { Taint } from '../api/meta.js';
import type { Placement } from '../api/policy.js';
import type { AggregatedStatusItem, GracefulEvictionTask, ResourceBindingSpec, TargetCluster } from '../api/work.js';
import { buildClusterSnapshot } from './cluster-snapshot.js';
import { decideFailback, failbackApplies, rememberPlacement, type FailbackOutcome, type FailbackPlan } from './failback.js';
import { bindingSpec, cluster } from './fixtures.spec.js';

const t0 = '2026-01-01T00:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(t0) + seconds * 1000).toISOString();
const names = ['m1', 'm2', 'm3'];
const placement: Placement = {
  clusterAffinity: { clusterNames: names },
  replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { dynamicWeight: 'AvailableReplicas' } },
};
const applied = JSON.stringify(placement);
const original: TargetCluster[] = [{ name: 'm1', replicas: 2 }, { name: 'm2', replicas: 2 }];
const failedOver: TargetCluster[] = [{ name: 'm1', replicas: 3 }, { name: 'm3', replicas: 1 }];
const surged: TargetCluster[] = [{ name: 'm1', replicas: 3 }, { name: 'm2', replicas: 2 }, { name: 'm3', replicas: 1 }];

const spec = (more: Partial<ResourceBindingSpec> = {}): ResourceBindingSpec =>
  bindingSpec({ replicas: 4, placement, failback: { enabled: true }, clusters: failedOver, gracefulEvictionTasks: [], ...more });
const waiting: FailbackPlan = { clusters: original, evictedClusters: ['m2'], replicas: 4, appliedPlacement: applied };
const returning: FailbackPlan = { ...waiting, returningSince: at(100) };
const unreachable: Taint = { key: 'cluster.karmada.io/unreachable', effect: 'NoExecute', timeAdded: t0 };
const notReady = (name: string): Cluster => {
  const c = cluster(name, { taints: [{ key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule' }] });
  return { ...c, status: { ...c.status, conditions: [{ type: 'Ready', status: 'False', reason: 'ClusterNotReady', message: '', lastTransitionTime: t0 }] } };
};
const ready = (name: string, taints?: Taint[]): Cluster => {
  const c = cluster(name, taints ? { taints } : {});
  return { ...c, status: { ...c.status, conditions: [...(c.status?.conditions ?? []), { type: 'Ready', status: 'True', reason: 'ClusterReady', message: '', lastTransitionTime: t0 }] } };
};
const allReady = names.map((name) => ready(name));
const healthy = (...clusters: string[]): AggregatedStatusItem[] => clusters.map((clusterName) => ({ clusterName, health: 'Healthy' }));
const task: GracefulEvictionTask = { fromCluster: 'm2', purgeMode: 'Gracefully', reason: 'TaintUntolerated', producer: 'TaintManager', creationTimestamp: t0 };

describe('failbackApplies', () => {
  const cases: { name: string; spec: ResourceBindingSpec; want: boolean }[] = [
    { name: 'a Divided workload that asks for it', spec: spec(), want: true },
    { name: 'not asked for', spec: spec({ failback: { enabled: false } }), want: false },
    { name: 'not set', spec: bindingSpec({ replicas: 4, placement }), want: false },
    { name: 'Duplicated: rescheduled on every look anyway', spec: spec({ placement: { clusterAffinity: { clusterNames: names } } }), want: false },
    { name: 'no replicas: not a workload', spec: spec({ replicas: 0 }), want: false },
  ];
  for (const c of cases) it(c.name, () => expect(failbackApplies(c.spec)).to.equal(c.want));
});

describe('rememberPlacement', () => {
  const cases: { name: string; plan?: FailbackPlan; evicted: string[]; spec?: ResourceBindingSpec; want: FailbackPlan | undefined }[] = [
    { name: 'no eviction, no plan', evicted: [], want: undefined },
    { name: 'an eviction remembers the clusters before it', evicted: ['m2'], want: waiting },
    { name: 'not without failback', evicted: ['m2'], spec: spec({ failback: undefined }), want: undefined },
    { name: 'a pending plan keeps its original clusters', plan: waiting, evicted: ['m1'], want: { ...waiting, evictedClusters: ['m2', 'm1'] } },
    { name: 'an original cluster failing again makes a return wait again', plan: returning, evicted: ['m2'], want: waiting },
    { name: 'a replacement failing is no reason to wait', plan: returning, evicted: ['m3'], want: returning },
  ];
  for (const c of cases) {
    it(c.name, () => expect(rememberPlacement(c.plan, original, c.evicted, c.spec ?? spec(), applied)).to.deep.equal(c.want));
  }
});

describe('decideFailback', () => {
  const cases: {
    name: string;
    plan?: FailbackPlan;
    spec?: ResourceBindingSpec;
    clusters?: Cluster[];
    health?: AggregatedStatusItem[];
    now: string;
    want: FailbackOutcome;
  }[] = [
    {
      name: 'waits while the evicted cluster is not Ready',
      clusters: [ready('m1'), notReady('m2'), ready('m3')],
      now: at(50),
      want: { state: 'Waiting', plan: waiting, clusters: failedOver },
    },
    {
      name: 'waits while it still has a NoExecute taint',
      clusters: [ready('m1'), ready('m2', [unreachable]), ready('m3')],
      now: at(50),
      want: { state: 'Waiting', plan: waiting, clusters: failedOver },
    },
    {
      name: 'waits while an untolerated NoSchedule taint keeps new replicas away',
      clusters: [ready('m1'), ready('m2', [{ key: 'maintenance', effect: 'NoSchedule' }]), ready('m3')],
      now: at(50),
      want: { state: 'Waiting', plan: waiting, clusters: failedOver },
    },
    {
      name: 'a tolerated NoSchedule taint does not hold it back',
      spec: spec({ placement: { ...placement, clusterTolerations: [{ key: 'maintenance', operator: 'Exists' }] } }),
      plan: { ...waiting, appliedPlacement: JSON.stringify({ ...placement, clusterTolerations: [{ key: 'maintenance', operator: 'Exists' }] }) },
      clusters: [ready('m1'), ready('m2', [{ key: 'maintenance', effect: 'NoSchedule' }]), ready('m3')],
      now: at(100),
      want: {
        state: 'Started',
        plan: { ...returning, appliedPlacement: JSON.stringify({ ...placement, clusterTolerations: [{ key: 'maintenance', operator: 'Exists' }] }) },
        clusters: surged,
        wakeAt: at(700),
      },
    },
    {
      name: 'waits while the eviction task of the cluster is in force',
      spec: spec({ gracefulEvictionTasks: [task] }),
      now: at(50),
      want: { state: 'Waiting', plan: waiting, clusters: failedOver },
    },
    {
      name: 'the evicted cluster recovered: the original clusters join, the replacements keep their replicas',
      now: at(100),
      want: { state: 'Started', plan: returning, clusters: surged, wakeAt: at(700) },
    },
    {
      name: 'returning: waits for every original cluster to be Healthy',
      plan: returning,
      spec: spec({ clusters: surged }),
      health: healthy('m1', 'm3'),
      now: at(200),
      want: { state: 'Returning', plan: returning, clusters: surged, wakeAt: at(700) },
    },
    {
      name: 'returning: the original clusters are Healthy, the replacements go',
      plan: returning,
      spec: spec({ clusters: surged }),
      health: healthy('m1', 'm2', 'm3'),
      now: at(200),
      want: { state: 'Completed', clusters: original },
    },
    {
      name: 'returning: the timeout completes it anyway',
      plan: returning,
      spec: spec({ clusters: surged }),
      health: healthy('m1'),
      now: at(700),
      want: { state: 'Completed', clusters: original },
    },
    {
      name: 'abandoned when the binding no longer asks for it',
      spec: spec({ failback: undefined }),
      now: at(100),
      want: { state: 'Abandoned', clusters: failedOver },
    },
    {
      name: 'abandoned when the binding was scaled',
      spec: spec({ replicas: 6 }),
      now: at(100),
      want: { state: 'Abandoned', clusters: failedOver },
    },
    {
      name: 'abandoned when the placement changed',
      spec: spec({ placement: { ...placement, clusterAffinity: { clusterNames: ['m1', 'm3'] } } }),
      now: at(100),
      want: { state: 'Abandoned', clusters: failedOver },
    },
    {
      name: 'abandoned when an original cluster is gone',
      clusters: [ready('m1'), ready('m3')],
      now: at(100),
      want: { state: 'Abandoned', clusters: failedOver },
    },
    {
      name: 'abandoned when a cluster it runs on is being deleted',
      clusters: [ready('m1'), ready('m2'), cluster('m3', { deleting: true })],
      now: at(100),
      want: { state: 'Abandoned', clusters: failedOver },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = decideFailback({
        plan: c.plan ?? waiting,
        spec: c.spec ?? spec(),
        clusters: buildClusterSnapshot(c.clusters ?? allReady),
        health: c.health ?? [],
        now: c.now,
        timeoutSeconds: 600,
      });
      expect(got).to.deep.equal(c.want);
    });
  }
});
