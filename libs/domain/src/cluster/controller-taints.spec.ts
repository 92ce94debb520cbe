import { expect } from 'chai';
import type { Condition, Taint } from '../api/meta.js';
import { controllerTaints, noExecuteDueAt, withControllerTaints } from './controller-taints.js';
import { readyConditionFor } from './ready-condition.js';

const t0 = '2026-01-01T00:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(t0) + seconds * 1000).toISOString();
const grace = 60_000;
const notReady: Condition = readyConditionFor({ outcome: 'unhealthy', detail: 'x' }, t0);
const unreachable: Condition = readyConditionFor({ outcome: 'unreachable', detail: 'x' }, t0);
const ready: Condition = readyConditionFor({ outcome: 'healthy' }, t0);

const cases: { name: string; ready: Condition | undefined; current: Taint[]; now: string; want: Taint[] }[] = [
  { name: 'a Ready cluster has no controller taints', ready, current: [{ key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule', timeAdded: t0 }], now: at(1), want: [] },
  { name: 'a cluster without a Ready condition is not-ready:NoSchedule', ready: undefined, current: [], now: t0, want: [{ key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule', timeAdded: t0 }] },
  { name: 'not ready within the grace period: NoSchedule only', ready: notReady, current: [], now: at(60), want: [{ key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule', timeAdded: at(60) }] },
  {
    name: 'not ready past the grace period: NoSchedule and NoExecute, keeping the time the first was added',
    ready: notReady,
    current: [{ key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule', timeAdded: at(1) }],
    now: at(61),
    want: [
      { key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule', timeAdded: at(1) },
      { key: 'cluster.karmada.io/not-ready', effect: 'NoExecute', timeAdded: at(61) },
    ],
  },
  { name: 'unreachable clusters get the unreachable key', ready: unreachable, current: [], now: at(2), want: [{ key: 'cluster.karmada.io/unreachable', effect: 'NoSchedule', timeAdded: at(2) }] },
];

describe('controllerTaints', () => {
  for (const c of cases) it(c.name, () => expect(controllerTaints(c.ready, c.current, c.now, grace)).to.deep.equal(c.want));

  it('says when NoExecute becomes due, and nothing for a Ready cluster', () => {
    expect(noExecuteDueAt(notReady, grace)).to.equal('2026-01-01T00:01:00.001Z');
    expect(noExecuteDueAt(ready, grace)).to.equal(undefined);
  });

  it('replaces only controller-owned taints, keeping users\' taints such as cordon', () => {
    const cordon: Taint = { key: 'cluster.karmada.io/unschedulable', effect: 'NoSchedule' };
    const stale: Taint = { key: 'cluster.karmada.io/unreachable', effect: 'NoSchedule' };
    const fresh: Taint = { key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule', timeAdded: t0 };
    expect(withControllerTaints([cordon, stale], [fresh])).to.deep.equal([cordon, fresh]);
  });
});
