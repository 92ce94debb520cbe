import { expect } from 'chai';
import {
  BindingStatusAggregated,
  ClusterStatusCollected,
  newEnvelope,
  PlacementDecided,
  Subjects,
  WorkDeletionRequested,
  type EventType,
} from '@karmada-ts/contracts';
import type { LoggedEvent } from '../src/propagate/stage-timeline.js';
import { FailoverTimeline } from '../src/scenarios/scheduler-failover-timeline.js';

const subjects = new Subjects('failover-timeline-test');
let seq = 0;

function logged<Type extends string, Data>(storedAtMs: number, type: EventType<Type, Data>, data: Data): LoggedEvent {
  const envelope = newEnvelope(type, { id: 'x', correlationId: 'x', causationId: 'x', subject: subjects.all, time: '2026-01-01T00:00:00Z', actor: 'test', data });
  return { seq: ++seq, storedAtMs, envelope };
}

const ref = (name: string) => ({ kind: 'ResourceBinding' as const, namespace: 'default', name, uid: `${name}-uid` });
const placed = (at: number, name: string, clusters: { name: string; replicas: number }[]) =>
  logged(at, PlacementDecided, { binding: ref(name), observedBindingSeq: 1, clusters, gracefulEvictionTasks: [], scheduledCondition: {}, explanation: [] });
const status = (at: number, name: string, ready: Record<string, number>) =>
  logged(at, BindingStatusAggregated, {
    binding: ref(name),
    aggregatedStatus: Object.entries(ready).map(([clusterName, readyReplicas]) => ({ clusterName, applied: true, health: 'Healthy', status: { readyReplicas } })),
    conditions: [],
  });
const tainted = (at: number, effects: ('NoSchedule' | 'NoExecute')[]) =>
  logged(at, ClusterStatusCollected, { name: 'member2', status: {}, controllerTaints: effects.map((effect) => ({ key: 'cluster.karmada.io/unreachable', effect })) });
const workDeleted = (at: number, name: string) =>
  logged(at, WorkDeletionRequested, {
    work: { apiVersion: 'work.karmada.io/v1alpha1', kind: 'Work', metadata: { name: `${name}-w`, namespace: 'karmada-es-member2' } },
    binding: ref(name),
    cluster: 'member2',
  });

const everywhere = [{ name: 'member1', replicas: 1 }, { name: 'member2', replicas: 1 }, { name: 'member3', replicas: 1 }];

describe('FailoverTimeline', () => {
  it('times each binding on the failed member from the NoExecute taint to every replica ready elsewhere', () => {
    const timeline = new FailoverTimeline('member2');
    for (const event of [
      placed(0, 'a', everywhere),
      placed(0, 'b', everywhere),
      placed(0, 'c', [{ name: 'member1', replicas: 3 }]),
      status(10, 'a', { member1: 1, member2: 1, member3: 1 }),
      status(10, 'b', { member1: 1, member2: 1, member3: 1 }),
      status(10, 'c', { member1: 3 }),
    ]) {
      timeline.add(event);
    }
    expect(timeline.settled()).to.equal(3);

    for (const event of [
      tainted(1000, ['NoSchedule']),
      tainted(2000, ['NoSchedule', 'NoExecute']),
      placed(2100, 'a', [{ name: 'member1', replicas: 2 }, { name: 'member3', replicas: 1 }]),
      placed(2200, 'b', [{ name: 'member1', replicas: 1 }, { name: 'member3', replicas: 2 }]),
      // Still the old count in member1: not ready yet.
      status(2300, 'a', { member1: 1, member3: 1 }),
      status(2600, 'a', { member1: 2, member3: 1 }),
      workDeleted(2700, 'a'),
      // b's old Work goes before its new placement is ready: what graceful eviction must never do.
      workDeleted(2800, 'b'),
      status(3000, 'b', { member1: 1, member3: 2 }),
    ]) {
      timeline.add(event);
    }
    expect(timeline.recovered()).to.equal(2);
    expect(timeline.result()).to.deep.equal({ taintedAt: 2000, affected: 2, evicted: [100, 200], readyElsewhere: [600, 1000], removedEarly: 1 });
  });

  it('counts nothing before the taint', () => {
    const timeline = new FailoverTimeline('member2');
    timeline.add(placed(0, 'a', everywhere));
    timeline.add(placed(5, 'a', [{ name: 'member1', replicas: 3 }]));
    timeline.add(status(10, 'a', { member1: 3 }));
    expect(timeline.recovered()).to.equal(0);
    expect(timeline.result()).to.deep.equal({ taintedAt: undefined, affected: 0, evicted: [], readyElsewhere: [], removedEarly: 0 });
  });
});
