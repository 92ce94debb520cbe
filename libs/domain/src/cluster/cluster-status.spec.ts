import { expect } from 'chai';
import type { Condition } from '../api/meta.js';
import { sameJson } from '../interpret/unstructured.js';
import {
  collectsMemberStatus,
  nextClusterStatus,
  statusCollectionFailedCondition,
  statusDueAt,
  type ClusterStatusReport,
  type CollectedMemberStatus,
} from './cluster-status.js';
import { dampReadyCondition } from './health-damping.js';
import { readyConditionFor } from './ready-condition.js';

const t0 = '2026-01-01T00:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(t0) + seconds * 1000).toISOString();
const grace = 60_000;
const thresholds = { successThresholdMs: 30_000, failureThresholdMs: 30_000 };
const healthy = (now: string) => readyConditionFor({ outcome: 'healthy' }, now);
const unhealthy = (now: string) => readyConditionFor({ outcome: 'unhealthy', detail: 'readyz 500' }, now);
const unreachable = (now: string) => readyConditionFor({ outcome: 'unreachable', detail: 'ECONNREFUSED' }, now);

const collected: CollectedMemberStatus = {
  kubernetesVersion: 'v1.32.4',
  apiEnablements: [{ groupVersion: 'v1', resources: [{ name: 'pods', kind: 'Pod' }] }],
  apiEnablementsCondition: { type: 'CompleteAPIEnablements', status: 'True', reason: 'Complete', message: 'collected complete APIEnablements from the cluster' },
  nodeSummary: { totalNum: 3, readyNum: 3 },
  resourceSummary: { allocatable: { cpu: '24', memory: '96Gi', pods: '330' } },
};

const readyReport: ClusterStatusReport = nextClusterStatus(undefined, healthy(t0), collected, t0, grace);

describe('nextClusterStatus', () => {
  it('a first healthy round publishes everything collected, Ready, and no taints', () => {
    expect(readyReport.status.kubernetesVersion).to.equal('v1.32.4');
    expect(readyReport.status.resourceSummary).to.deep.equal(collected.resourceSummary);
    expect(readyReport.status.conditions?.map((c) => [c.type, c.status, c.lastTransitionTime])).to.deep.equal([
      ['CompleteAPIEnablements', 'True', t0],
      ['Ready', 'True', t0],
    ]);
    expect(readyReport.controllerTaints).to.deep.equal([]);
  });

  const cases: { name: string; published: ClusterStatusReport | undefined; ready: Condition; collected: CollectedMemberStatus | undefined; now: string; same: boolean; check?: (r: ClusterStatusReport) => void }[] = [
    { name: 'an idle Ready cluster yields the same report', published: readyReport, ready: readyReport.status.conditions![1]!, collected, now: at(500), same: true },
    {
      name: 'a capacity change updates the resource summary and keeps the transition times',
      published: readyReport,
      ready: readyReport.status.conditions![1]!,
      collected: { ...collected, resourceSummary: { allocatable: { cpu: '8', memory: '32Gi', pods: '110' } } },
      now: at(20),
      same: false,
      check: (r) => {
        expect(r.status.resourceSummary?.allocatable).to.deep.equal({ cpu: '8', memory: '32Gi', pods: '110' });
        expect(r.status.conditions?.every((c) => c.lastTransitionTime === t0)).to.equal(true);
      },
    },
    {
      name: 'summaries not listed yet leave the published ones',
      published: readyReport,
      ready: readyReport.status.conditions![1]!,
      collected: { ...collected, nodeSummary: undefined, resourceSummary: undefined },
      now: at(20),
      same: true,
    },
    {
      name: 'a not-ready round keeps the collected fields and adds the not-ready taint',
      published: readyReport,
      ready: unhealthy(at(40)),
      collected: undefined,
      now: at(40),
      same: false,
      check: (r) => {
        expect(r.status.kubernetesVersion).to.equal('v1.32.4');
        expect(r.status.conditions?.find((c) => c.type === 'Ready')).to.include({ status: 'False', reason: 'ClusterNotReady', lastTransitionTime: at(40) });
        expect(r.controllerTaints).to.deep.equal([{ key: 'cluster.karmada.io/not-ready', effect: 'NoSchedule', timeAdded: at(40) }]);
      },
    },
    {
      name: 'an unreachable cluster at join has only its Ready condition and the unreachable taint',
      published: undefined,
      ready: unreachable(t0),
      collected: undefined,
      now: t0,
      same: false,
      check: (r) => {
        expect(r.status).to.deep.equal({ conditions: [unreachable(t0)] });
        expect(r.controllerTaints).to.deep.equal([{ key: 'cluster.karmada.io/unreachable', effect: 'NoSchedule', timeAdded: t0 }]);
      },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const report = nextClusterStatus(c.published, c.ready, c.collected, c.now, grace);
      expect(sameJson(report, c.published)).to.equal(c.same);
      c.check?.(report);
    });
  }

  it('a steady not-ready cluster yields the same report until NoExecute is due, then adds it once', () => {
    const notReady = nextClusterStatus(readyReport, unhealthy(at(40)), undefined, at(40), grace);
    const ready = notReady.status.conditions!.find((c) => c.type === 'Ready')!;
    expect(sameJson(nextClusterStatus(notReady, ready, undefined, at(90), grace), notReady)).to.equal(true);
    const tainted = nextClusterStatus(notReady, ready, undefined, at(101), grace);
    expect(tainted.controllerTaints.map((t) => [t.effect, t.timeAdded])).to.deep.equal([['NoSchedule', at(40)], ['NoExecute', at(101)]]);
    expect(sameJson(nextClusterStatus(tainted, ready, undefined, at(200), grace), tainted)).to.equal(true);
  });
});

describe('collectsMemberStatus', () => {
  const cases = [
    { name: 'healthy probe, Ready published: collect', observed: healthy(at(10)), published: healthy(t0), want: true },
    { name: 'healthy probe while recovery is damped: keep the old values', observed: healthy(at(10)), published: unhealthy(t0), want: false },
    { name: 'failing probe while Ready is still published: keep the old values', observed: unreachable(at(10)), published: healthy(t0), want: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const damped = dampReadyCondition(c.published, c.observed, undefined, at(10), thresholds);
      expect(collectsMemberStatus(c.observed, damped)).to.equal(c.want);
    });
  }
});

describe('statusCollectionFailedCondition', () => {
  it("says why in Karmada's words, Ready=False", () => {
    expect(statusCollectionFailedCondition('secret karmada-cluster/m1 not found', t0)).to.deep.equal({
      type: 'Ready',
      status: 'False',
      reason: 'StatusCollectionFailed',
      message: 'failed to create a ClusterClient: secret karmada-cluster/m1 not found',
      lastTransitionTime: t0,
    });
  });
});

describe('statusDueAt', () => {
  const cases = [
    { name: 'nothing pending for a steady Ready cluster', ready: healthy(t0), observation: { status: 'True' as const, since: t0 }, now: at(50), want: undefined },
    { name: 'a failure being damped is due when its window closes', ready: healthy(t0), observation: { status: 'False' as const, since: at(40) }, now: at(50), want: at(70) },
    { name: 'a recovery being damped is due when its window closes', ready: unhealthy(t0), observation: { status: 'True' as const, since: at(10) }, now: at(15), want: at(40) },
    { name: 'a not-ready cluster is due when NoExecute falls due', ready: unhealthy(t0), observation: { status: 'False' as const, since: t0 }, now: at(15), want: '2026-01-01T00:01:00.001Z' },
    { name: 'nothing pending once NoExecute is past', ready: unhealthy(t0), observation: { status: 'False' as const, since: t0 }, now: at(61), want: undefined },
  ];
  for (const c of cases) it(c.name, () => expect(statusDueAt(c.ready, c.observation, c.now, thresholds, grace)).to.equal(c.want));
});
