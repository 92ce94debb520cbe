import { expect } from 'chai';
import type { Condition, KubeObject } from '../api/meta.js';
import type { ManifestStatus, Work } from '../api/work.js';
import { asWorkReport, reportApplied, reportObserved, reportsApplied, reportSuspended, sameReport, type WorkReport } from './work-report.js';

const manifest: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 2 } };
const work = (suspend = false): Work => ({
  apiVersion: 'work.karmada.io/v1alpha1',
  kind: 'Work',
  metadata: { name: 'web-1', namespace: 'karmada-es-member1' },
  spec: { workload: { manifests: [manifest] }, ...(suspend ? { suspendDispatching: true } : {}) },
});
const observed = (readyReplicas: number): KubeObject => ({
  ...manifest,
  metadata: { ...manifest.metadata, generation: 1 },
  status: { observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas, availableReplicas: readyReplicas },
});
const identifier = { ordinal: 0, group: 'apps', version: 'v1', kind: 'Deployment', resource: '', namespace: 'default', name: 'web' };
const dispatching = (t: string): Condition => ({ type: 'Dispatching', status: 'True', reason: 'Dispatching', message: 'Work is being dispatched to member clusters.', lastTransitionTime: t });
const applied = (t: string): Condition => ({ type: 'Applied', status: 'True', reason: 'AppliedSuccessful', message: 'Manifest has been successfully applied', lastTransitionTime: t });
const failed = (t: string, error: string): Condition => ({ type: 'Applied', status: 'False', reason: 'AppliedFailed', message: `Failed to apply all manifests (0/1): ${error}`, lastTransitionTime: t });

describe('reportApplied', () => {
  const healthy: ManifestStatus = { identifier, status: { generation: 1, observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 }, health: 'Healthy' };
  const cases: { name: string; previous: WorkReport['status'] | undefined; outcome: { observed?: KubeObject; error?: string }; want: WorkReport }[] = [
    {
      name: 'first apply: Dispatching, Applied and the object status',
      previous: undefined,
      outcome: { observed: observed(2) },
      want: { observedWorkSeq: 7, status: { conditions: [dispatching('t2'), applied('t2')], manifestStatuses: [healthy] } },
    },
    {
      name: 'a failure keeps the status reported before',
      previous: { conditions: [dispatching('t1'), applied('t1')], manifestStatuses: [healthy] },
      outcome: { error: 'boom' },
      want: { observedWorkSeq: 7, status: { conditions: [dispatching('t1'), failed('t2', 'boom')], manifestStatuses: [healthy] } },
    },
    {
      name: 'a repeated success keeps the transition times',
      previous: { conditions: [dispatching('t1'), applied('t1')], manifestStatuses: [healthy] },
      outcome: { observed: observed(2) },
      want: { observedWorkSeq: 7, status: { conditions: [dispatching('t1'), applied('t1')], manifestStatuses: [healthy] } },
    },
  ];
  for (const c of cases) it(c.name, () => expect(reportApplied(c.previous, work(), 7, [c.outcome], 't2')).to.deep.equal(c.want));
});

describe('reportSuspended', () => {
  it('records Dispatching False and keeps the rest', () => {
    const previous = { conditions: [dispatching('t1'), applied('t1')] };
    expect(reportSuspended(previous, work(true), 9, 't2')).to.deep.equal({
      observedWorkSeq: 9,
      status: {
        conditions: [{ type: 'Dispatching', status: 'False', reason: 'SuspendDispatching', message: 'Work dispatching is in a suspended state.', lastTransitionTime: 't2' }, applied('t1')],
      },
    });
  });
});

describe('reportObserved', () => {
  const before: WorkReport = { observedWorkSeq: 3, status: { conditions: [applied('t1')], manifestStatuses: [{ identifier, health: 'Unhealthy' }] } };
  const cases: { name: string; object: KubeObject; health: string | undefined }[] = [
    { name: 'replaces the entry of the manifest', object: observed(2), health: 'Healthy' },
    { name: 'an unready object is Unhealthy', object: observed(1), health: 'Unhealthy' },
    { name: 'an object that is not one of the manifests changes nothing', object: { ...observed(2), metadata: { name: 'other', namespace: 'default' } }, health: 'Unhealthy' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const next = reportObserved(before, work(), c.object);
      expect(next.observedWorkSeq).to.equal(3);
      expect(next.status.conditions).to.deep.equal(before.status.conditions);
      expect(next.status.manifestStatuses?.map((m) => m.health)).to.deep.equal([c.health]);
    });
  }
});

describe('report comparisons', () => {
  const report: WorkReport = { observedWorkSeq: 4, status: { conditions: [applied('t1')] } };
  const cases: { name: string; got: boolean; want: boolean }[] = [
    { name: 'applied for that version', got: reportsApplied(report, 4), want: true },
    { name: 'not for another version', got: reportsApplied(report, 5), want: false },
    { name: 'not when Applied is False', got: reportsApplied({ observedWorkSeq: 4, status: { conditions: [failed('t1', 'x')] } }, 4), want: false },
    { name: 'not without a report', got: reportsApplied(undefined, 4), want: false },
    { name: 'same report regardless of key order', got: sameReport(report, { status: { conditions: [applied('t1')] }, observedWorkSeq: 4 }), want: true },
    { name: 'a new version is news', got: sameReport(report, { ...report, observedWorkSeq: 5 }), want: false },
    { name: 'anything is news after nothing', got: sameReport(undefined, report), want: false },
  ];
  for (const c of cases) it(c.name, () => expect(c.got).to.equal(c.want));

  it('reads a report back from event data', () => {
    expect(asWorkReport({ work: {}, observedWorkSeq: 4, status: { conditions: [] } })).to.deep.equal({ observedWorkSeq: 4, status: { conditions: [] } });
    expect(asWorkReport({ status: {} })).to.equal(undefined);
  });
});
