import { expect } from 'chai';
import type { Condition } from '../api/meta.js';
import { dampReadyCondition, type ReadyObservation } from './health-damping.js';
import { readyConditionFor } from './ready-condition.js';

const t0 = '2026-01-01T00:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(t0) + seconds * 1000).toISOString();
const thresholds = { successThresholdMs: 30_000, failureThresholdMs: 30_000 };
const healthy = (now: string) => readyConditionFor({ outcome: 'healthy' }, now);
const unhealthy = (now: string) => readyConditionFor({ outcome: 'unhealthy', detail: 'readyz 500' }, now);
const unreachable = (now: string) => readyConditionFor({ outcome: 'unreachable', detail: 'ECONNREFUSED' }, now);

interface Case {
  name: string;
  published: Condition | undefined;
  observed: Condition;
  previous: ReadyObservation | undefined;
  now: string;
  wantStatus: string;
  wantReason: string;
  wantTransition: string;
}

const cases: Case[] = [
  { name: 'a new cluster publishes its first observation at once', published: undefined, observed: unhealthy(at(0)), previous: undefined, now: at(0), wantStatus: 'False', wantReason: 'ClusterNotReady', wantTransition: at(0) },
  { name: 'a failure that has not held for the threshold keeps Ready', published: healthy(t0), observed: unhealthy(at(60)), previous: { status: 'False', since: at(40) }, now: at(60), wantStatus: 'True', wantReason: 'ClusterReady', wantTransition: t0 },
  { name: 'a failure that held for the threshold is published', published: healthy(t0), observed: unhealthy(at(70)), previous: { status: 'False', since: at(40) }, now: at(70), wantStatus: 'False', wantReason: 'ClusterNotReady', wantTransition: at(70) },
  { name: 'the first failing probe starts the window', published: healthy(t0), observed: unreachable(at(100)), previous: { status: 'True', since: t0 }, now: at(100), wantStatus: 'True', wantReason: 'ClusterReady', wantTransition: t0 },
  { name: 'recovery is damped by the success threshold', published: unhealthy(t0), observed: healthy(at(10)), previous: { status: 'True', since: at(5) }, now: at(10), wantStatus: 'False', wantReason: 'ClusterNotReady', wantTransition: t0 },
  { name: 'recovery that held is published', published: unhealthy(t0), observed: healthy(at(35)), previous: { status: 'True', since: at(5) }, now: at(35), wantStatus: 'True', wantReason: 'ClusterReady', wantTransition: at(35) },
  { name: 'not-ready turning unreachable changes the reason at once, keeping the transition time', published: unhealthy(t0), observed: unreachable(at(50)), previous: { status: 'False', since: t0 }, now: at(50), wantStatus: 'False', wantReason: 'ClusterNotReachable', wantTransition: t0 },
  { name: 'a steady healthy cluster keeps its transition time', published: healthy(t0), observed: healthy(at(500)), previous: { status: 'True', since: t0 }, now: at(500), wantStatus: 'True', wantReason: 'ClusterReady', wantTransition: t0 },
  { name: 'after a restart the window starts from now instead of publishing at once', published: healthy(t0), observed: unhealthy(at(900)), previous: undefined, now: at(900), wantStatus: 'True', wantReason: 'ClusterReady', wantTransition: t0 },
];

describe('dampReadyCondition', () => {
  for (const c of cases) {
    it(c.name, () => {
      const result = dampReadyCondition(c.published, c.observed, c.previous, c.now, thresholds);
      expect(result.condition.status).to.equal(c.wantStatus);
      expect(result.condition.reason).to.equal(c.wantReason);
      expect(result.condition.lastTransitionTime).to.equal(c.wantTransition);
      expect(result.observation.status).to.equal(c.observed.status);
    });
  }

  it('keeps the observation window while the observed status stays the same', () => {
    const previous = { status: 'False' as const, since: at(40) };
    expect(dampReadyCondition(healthy(t0), unhealthy(at(50)), previous, at(50), thresholds).observation).to.equal(previous);
  });
});
