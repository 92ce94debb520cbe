import { expect } from 'chai';
import type { AggregatedStatusItem, GracefulEvictionTask, TargetCluster } from '../api/work.js';
import { assessEvictionTasks, type EvictionTaskAssessment } from './graceful-eviction.js';

const t0 = '2026-01-01T00:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(t0) + seconds * 1000).toISOString();
const task = (fromCluster: string, more: Partial<GracefulEvictionTask> = {}): GracefulEvictionTask => ({
  fromCluster,
  reason: 'TaintUntolerated',
  producer: 'TaintManager',
  purgeMode: 'Gracefully',
  ...more,
});
const targets: TargetCluster[] = [{ name: 'm2', replicas: 2 }, { name: 'm3', replicas: 1 }];
const healthy: AggregatedStatusItem[] = [
  { clusterName: 'm2', health: 'Healthy' },
  { clusterName: 'm3', health: 'Healthy' },
];

const cases: { name: string; tasks: GracefulEvictionTask[]; health: AggregatedStatusItem[]; now: string; want: EvictionTaskAssessment }[] = [
  {
    name: 'a new task is stamped and kept this round, even if everything is healthy',
    tasks: [task('m1')],
    health: healthy,
    now: t0,
    want: { tasks: [task('m1', { creationTimestamp: t0 })], dropped: [], nextTimeout: at(600) },
  },
  {
    name: 'kept while a target has no status yet',
    tasks: [task('m1', { creationTimestamp: t0 })],
    health: [{ clusterName: 'm2', health: 'Healthy' }],
    now: at(30),
    want: { tasks: [task('m1', { creationTimestamp: t0 })], dropped: [], nextTimeout: at(600) },
  },
  {
    name: 'kept while a target is not Healthy',
    tasks: [task('m1', { creationTimestamp: t0 })],
    health: [{ clusterName: 'm2', health: 'Healthy' }, { clusterName: 'm3', health: 'Unknown' }],
    now: at(30),
    want: { tasks: [task('m1', { creationTimestamp: t0 })], dropped: [], nextTimeout: at(600) },
  },
  { name: 'dropped once every target is Healthy', tasks: [task('m1', { creationTimestamp: t0 })], health: healthy, now: at(30), want: { tasks: [], dropped: ['m1'] } },
  { name: 'dropped when the default timeout has come', tasks: [task('m1', { creationTimestamp: t0 })], health: [], now: at(600), want: { tasks: [], dropped: ['m1'] } },
  {
    name: 'gracePeriodSeconds replaces the default timeout',
    tasks: [task('m1', { creationTimestamp: t0, gracePeriodSeconds: 60 }), task('m4', { creationTimestamp: t0, gracePeriodSeconds: 120 })],
    health: [],
    now: at(60),
    want: { tasks: [task('m4', { creationTimestamp: t0, gracePeriodSeconds: 120 })], dropped: ['m1'], nextTimeout: at(120) },
  },
  {
    name: 'suppressDeletion true keeps a task forever, false drops it',
    tasks: [task('m1', { creationTimestamp: t0, suppressDeletion: true }), task('m4', { creationTimestamp: t0, suppressDeletion: false })],
    health: healthy,
    now: at(6000),
    want: { tasks: [task('m1', { creationTimestamp: t0, suppressDeletion: true })], dropped: ['m4'] },
  },
];

describe('assessEvictionTasks', () => {
  for (const c of cases) it(c.name, () => expect(assessEvictionTasks(c.tasks, targets, c.health, c.now)).to.deep.equal(c.want));

  it('with no target left, the workload runs nowhere to wait for: the task goes', () => {
    expect(assessEvictionTasks([task('m1', { creationTimestamp: t0 })], [], [], at(1)).dropped).to.deep.equal(['m1']);
  });
});
