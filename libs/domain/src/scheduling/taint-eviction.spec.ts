import { expect } from 'chai';
import type { Taint, Toleration } from '../api/meta.js';
import type { FailoverBehavior, PurgeMode } from '../api/policy.js';
import type { ResourceBindingSpec } from '../api/work.js';
import { bindingSpec } from './fixtures.spec.js';
import { decideTaintEviction, evictForUntoleratedTaint, gracefullyEvictCluster, taintEvictionPurgeMode, type TaintEvictionDecision } from './taint-eviction.js';

describe('decideTaintEviction', () => {
  const now = '2025-01-01T00:10:00Z';
  const unreachable: Taint = { key: 'cluster.karmada.io/unreachable', effect: 'NoExecute', timeAdded: '2025-01-01T00:00:00Z' };
  const notReady: Taint = { key: 'cluster.karmada.io/not-ready', effect: 'NoExecute', timeAdded: '2025-01-01T00:08:00Z' };
  const tolerate = (key: string, seconds?: number): Toleration => ({ key, operator: 'Exists', effect: 'NoExecute', ...(seconds === undefined ? {} : { tolerationSeconds: seconds }) });
  const cases: { name: string; taints: Taint[]; tolerations?: Toleration[]; noPlacement?: boolean; want: TaintEvictionDecision }[] = [
    { name: 'no taints', taints: [], want: { action: 'Keep', reason: 'NoExecuteTaintsAbsent' } },
    { name: 'only NoSchedule taints', taints: [{ key: 'x', effect: 'NoSchedule' }], want: { action: 'Keep', reason: 'NoExecuteTaintsAbsent' } },
    { name: 'untolerated: evict now', taints: [unreachable], tolerations: [], want: { action: 'Evict' } },
    { name: 'one of two untolerated: evict now', taints: [unreachable, notReady], tolerations: [tolerate(unreachable.key)], want: { action: 'Evict' } },
    { name: 'tolerated forever', taints: [unreachable], tolerations: [tolerate(unreachable.key)], want: { action: 'Keep', reason: 'ToleratedForever' } },
    { name: 'tolerated for a while: recheck when it runs out', taints: [unreachable], tolerations: [tolerate(unreachable.key, 900)], want: { action: 'RecheckAt', at: '2025-01-01T00:15:00Z' } },
    { name: 'toleration ran out: evict', taints: [unreachable], tolerations: [tolerate(unreachable.key, 300)], want: { action: 'Evict' } },
    { name: 'toleration runs out right now: evict', taints: [unreachable], tolerations: [tolerate(unreachable.key, 600)], want: { action: 'Evict' } },
    {
      name: 'the earliest deadline decides',
      taints: [unreachable, notReady],
      tolerations: [tolerate(unreachable.key, 3600), tolerate(notReady.key, 300)],
      want: { action: 'RecheckAt', at: '2025-01-01T00:13:00Z' },
    },
    {
      name: 'a catch-all toleration counts against every taint it tolerates',
      taints: [unreachable, notReady],
      tolerations: [{ operator: 'Exists', tolerationSeconds: 900 }],
      want: { action: 'RecheckAt', at: '2025-01-01T00:15:00Z' },
    },
    { name: 'a taint without timeAdded never expires', taints: [{ key: unreachable.key, effect: 'NoExecute' }], tolerations: [tolerate(unreachable.key, 1)], want: { action: 'Keep', reason: 'ToleratedForever' } },
    { name: 'no applied placement: Karmada cannot decide and never evicts', taints: [unreachable], noPlacement: true, want: { action: 'Keep', reason: 'NoAppliedPlacement' } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const placement = c.noPlacement ? undefined : { clusterTolerations: c.tolerations ?? [] };
      expect(decideTaintEviction(c.taints, placement, now)).to.deep.equal(c.want);
    });
  }
});

describe('taintEvictionPurgeMode', () => {
  const cases: { name: string; failover?: FailoverBehavior; fallback?: PurgeMode; want: PurgeMode }[] = [
    { name: 'no failover: the default, Gracefully', want: 'Gracefully' },
    { name: 'no failover: the flag', fallback: 'Directly', want: 'Directly' },
    { name: 'cluster failover with a purge mode', failover: { cluster: { purgeMode: 'Directly' } }, want: 'Directly' },
    { name: 'cluster failover without one: Gracefully whatever the flag', failover: { cluster: {} }, fallback: 'Directly', want: 'Gracefully' },
    { name: 'application failover only: the flag', failover: { application: { purgeMode: 'Never' } }, fallback: 'Directly', want: 'Directly' },
  ];
  for (const c of cases) {
    it(c.name, () => expect(taintEvictionPurgeMode(c.failover, c.fallback)).to.equal(c.want));
  }
});

describe('gracefullyEvictCluster and evictForUntoleratedTaint', () => {
  const spec = bindingSpec({ replicas: 5, clusters: [{ name: 'm1', replicas: 3 }, { name: 'm2', replicas: 2 }] });
  const cases: { name: string; spec: ResourceBindingSpec; cluster: string; want: Pick<ResourceBindingSpec, 'clusters' | 'gracefulEvictionTasks'> }[] = [
    {
      name: 'removes the cluster and records a task with its replicas',
      spec,
      cluster: 'm1',
      want: {
        clusters: [{ name: 'm2', replicas: 2 }],
        gracefulEvictionTasks: [{ fromCluster: 'm1', purgeMode: 'Gracefully', reason: 'TaintUntolerated', producer: 'TaintManager', replicas: 3 }],
      },
    },
    { name: 'a cluster not in the result: unchanged', spec, cluster: 'm9', want: { clusters: spec.clusters } },
    {
      name: 'a task for the cluster already exists: only removed',
      spec: { ...spec, gracefulEvictionTasks: [{ fromCluster: 'm1', reason: 'ApplicationFailure', producer: 'x' }] },
      cluster: 'm1',
      want: { clusters: [{ name: 'm2', replicas: 2 }], gracefulEvictionTasks: [{ fromCluster: 'm1', reason: 'ApplicationFailure', producer: 'x' }] },
    },
    {
      name: 'a non-workload task has no replicas; failover.cluster decides the purge mode',
      spec: bindingSpec({ clusters: [{ name: 'm1' }], failover: { cluster: { purgeMode: 'Directly' } } }),
      cluster: 'm1',
      want: { clusters: [], gracefulEvictionTasks: [{ fromCluster: 'm1', purgeMode: 'Directly', reason: 'TaintUntolerated', producer: 'TaintManager' }] },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const evicted = evictForUntoleratedTaint(c.spec, c.cluster);
      expect({ clusters: evicted.clusters, ...(evicted.gracefulEvictionTasks ? { gracefulEvictionTasks: evicted.gracefulEvictionTasks } : {}) }).to.deep.equal(c.want);
    });
  }

  it('never changes the spec it was given', () => {
    const before = JSON.stringify(spec);
    gracefullyEvictCluster(spec, 'm1', { purgeMode: 'Gracefully', reason: 'ApplicationFailure', producer: 'p', gracePeriodSeconds: 60, suppressDeletion: false });
    expect(JSON.stringify(spec)).to.equal(before);
  });

  it('carries the optional task fields that are given', () => {
    const evicted = gracefullyEvictCluster(spec, 'm2', { purgeMode: 'Never', reason: 'ApplicationFailure', producer: 'p', message: 'unhealthy', suppressDeletion: true });
    expect(evicted.gracefulEvictionTasks).to.deep.equal([
      { fromCluster: 'm2', purgeMode: 'Never', reason: 'ApplicationFailure', producer: 'p', replicas: 2, message: 'unhealthy', suppressDeletion: true },
    ]);
  });
});
