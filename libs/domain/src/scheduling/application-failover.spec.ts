import { expect } from 'chai';
import type { FailoverBehavior } from '../api/policy.js';
import type { AggregatedStatusItem, GracefulEvictionTask, ResourceBindingSpec } from '../api/work.js';
import { decideApplicationFailover, type ApplicationFailoverOutcome, type UnhealthySince } from './application-failover.js';
import { bindingSpec } from './fixtures.spec.js';

const t0 = '2026-01-01T00:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(t0) + seconds * 1000).toISOString();
const application = (more: NonNullable<FailoverBehavior['application']> = {}): FailoverBehavior => ({
  application: { decisionConditions: { tolerationSeconds: 60 }, purgeMode: 'Gracefully', gracePeriodSeconds: 120, ...more },
});
const spec = (failover: FailoverBehavior | undefined, gracefulEvictionTasks: GracefulEvictionTask[] = []): ResourceBindingSpec =>
  bindingSpec({
    replicas: 4,
    clusters: [{ name: 'm1', replicas: 2 }, { name: 'm2', replicas: 2 }],
    gracefulEvictionTasks,
    ...(failover ? { failover } : {}),
  });
const health = (m1: AggregatedStatusItem['health'] | undefined, m2: AggregatedStatusItem['health'] = 'Healthy'): AggregatedStatusItem[] => [
  ...(m1 ? [{ clusterName: 'm1', health: m1 }] : []),
  { clusterName: 'm2', health: m2 },
];
const task = (more: Partial<GracefulEvictionTask> = {}): GracefulEvictionTask => ({
  fromCluster: 'm1',
  purgeMode: 'Gracefully',
  reason: 'ApplicationFailure',
  producer: 'resource-binding-application-failover-controller',
  replicas: 2,
  gracePeriodSeconds: 120,
  ...more,
});
const m2Only = [{ name: 'm2', replicas: 2 }];

interface Want {
  readonly evicted?: string[];
  readonly unhealthySince: UnhealthySince;
  readonly wakeAt?: string;
  readonly clusters?: ResourceBindingSpec['clusters'];
  readonly tasks?: GracefulEvictionTask[];
}

const cases: { name: string; spec: ResourceBindingSpec; health: AggregatedStatusItem[]; since?: UnhealthySince; now: string; kind?: 'ClusterResourceBinding'; want: Want }[] = [
  {
    name: 'without failover.application nothing is watched',
    spec: spec(undefined),
    health: health('Unhealthy'),
    since: { m1: t0 },
    now: at(600),
    want: { unhealthySince: {} },
  },
  {
    name: 'the first Unhealthy starts the tolerance and wakes up when it ends',
    spec: spec(application()),
    health: health('Unhealthy'),
    now: at(5),
    want: { unhealthySince: { m1: at(5) }, wakeAt: at(65) },
  },
  {
    name: 'still Unhealthy before the end: keeps the start',
    spec: spec(application()),
    health: health('Unhealthy'),
    since: { m1: at(5) },
    now: at(64),
    want: { unhealthySince: { m1: at(5) }, wakeAt: at(65) },
  },
  {
    name: 'Unhealthy through the tolerance: evicted gracefully with the policy grace period',
    spec: spec(application()),
    health: health('Unhealthy'),
    since: { m1: at(5) },
    now: at(65),
    want: { evicted: ['m1'], unhealthySince: {}, clusters: m2Only, tasks: [task()] },
  },
  {
    name: 'Healthy again ends the watch',
    spec: spec(application()),
    health: health('Healthy'),
    since: { m1: at(5) },
    now: at(600),
    want: { unhealthySince: {} },
  },
  {
    name: 'Unknown (status not collected) keeps the watch running, without a wake-up',
    spec: spec(application()),
    health: health('Unknown'),
    since: { m1: at(5) },
    now: at(100),
    want: { unhealthySince: { m1: at(5) } },
  },
  {
    name: 'no status item (not applied yet) starts nothing',
    spec: spec(application()),
    health: health(undefined),
    now: at(100),
    want: { unhealthySince: {} },
  },
  {
    name: 'a cluster that left the clusters is forgotten',
    spec: { ...spec(application()), clusters: m2Only },
    health: health('Unhealthy'),
    since: { m1: at(5) },
    now: at(100),
    want: { unhealthySince: {} },
  },
  {
    name: 'a cluster already being evicted is not watched',
    spec: spec(application(), [task({ creationTimestamp: t0 })]),
    health: health('Unhealthy'),
    now: at(100),
    want: { unhealthySince: {} },
  },
  {
    name: 'two unhealthy clusters: the earliest deadline wakes up',
    spec: spec(application()),
    health: health('Unhealthy', 'Unhealthy'),
    since: { m2: at(30) },
    now: at(40),
    want: { unhealthySince: { m1: at(40), m2: at(30) }, wakeAt: at(90) },
  },
  {
    name: 'tolerationSeconds 0 evicts at the first Unhealthy',
    spec: spec(application({ decisionConditions: { tolerationSeconds: 0 } })),
    health: health('Unhealthy'),
    now: at(7),
    want: { evicted: ['m1'], unhealthySince: {}, clusters: m2Only, tasks: [task()] },
  },
  {
    name: 'without tolerationSeconds the CRD default of 300 s applies',
    spec: spec(application({ decisionConditions: {} })),
    health: health('Unhealthy'),
    now: at(0),
    want: { unhealthySince: { m1: at(0) }, wakeAt: at(300) },
  },
  {
    name: 'purgeMode Directly: no grace period',
    spec: spec(application({ purgeMode: 'Directly', decisionConditions: { tolerationSeconds: 0 } })),
    health: health('Unhealthy'),
    now: at(0),
    want: { evicted: ['m1'], unhealthySince: {}, clusters: m2Only, tasks: [task({ purgeMode: 'Directly', gracePeriodSeconds: undefined })] },
  },
  {
    name: 'purgeMode Never: the task suppresses deletion',
    spec: spec(application({ purgeMode: 'Never', decisionConditions: { tolerationSeconds: 0 } })),
    health: health('Unhealthy'),
    now: at(0),
    want: { evicted: ['m1'], unhealthySince: {}, clusters: m2Only, tasks: [task({ purgeMode: 'Never', gracePeriodSeconds: undefined, suppressDeletion: true })] },
  },
  {
    name: 'a ClusterResourceBinding names its own controller as producer',
    spec: spec(application({ decisionConditions: { tolerationSeconds: 0 } })),
    health: health('Unhealthy'),
    now: at(0),
    kind: 'ClusterResourceBinding',
    want: { evicted: ['m1'], unhealthySince: {}, clusters: m2Only, tasks: [task({ producer: 'cluster-resource-binding-application-failover-controller' })] },
  },
];

describe('decideApplicationFailover', () => {
  for (const c of cases) {
    it(c.name, () => {
      const got: ApplicationFailoverOutcome = decideApplicationFailover({
        kind: c.kind ?? 'ResourceBinding',
        spec: c.spec,
        health: c.health,
        unhealthySince: c.since ?? {},
        now: c.now,
      });
      expect(got.evicted).to.deep.equal(c.want.evicted ?? []);
      expect(got.unhealthySince).to.deep.equal(c.want.unhealthySince);
      expect(got.wakeAt).to.equal(c.want.wakeAt);
      expect(got.spec.clusters).to.deep.equal(c.want.clusters ?? c.spec.clusters);
      const tasks = (c.want.tasks ?? c.spec.gracefulEvictionTasks ?? []).map((t) => JSON.parse(JSON.stringify(t)) as GracefulEvictionTask);
      expect(got.spec.gracefulEvictionTasks).to.deep.equal(tasks);
    });
  }
});
