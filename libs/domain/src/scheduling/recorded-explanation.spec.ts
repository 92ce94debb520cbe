import { expect } from 'chai';
import type { ExplainedCluster } from './explained-cluster.js';
import type { ClusterExplanation } from './explanation.js';
import { explainRecordedDecision, recordExplanation, type RecordedExplanation } from './recorded-explanation.js';

const affinity = { plugin: 'ClusterAffinity', reasons: ['cluster(s) did not match the placement cluster affinity constraint'] };
const taint = { plugin: 'TaintToleration', reasons: ['cluster(s) had untolerated taint {dedicated=gpu:NoSchedule}'] };
const api = { plugin: 'APIEnablement', reasons: ['cluster(s) did not have the API resource'] };

describe('recordExplanation', () => {
  const cases: { name: string; explanations: ClusterExplanation[]; want: ReturnType<typeof recordExplanation> }[] = [
    { name: 'nothing to explain', explanations: [], want: { explanation: [], rejected: [] } },
    {
      name: 'clusters rejected by one plugin for the same reasons share one entry, in the order they came',
      explanations: [
        { cluster: 'm1', verdict: 'Filtered', rejectedBy: affinity },
        { cluster: 'm2', verdict: 'Selected', score: 100, availableReplicas: 4, allocatableReplicas: 4, assignedReplicas: 2 },
        { cluster: 'm3', verdict: 'Filtered', rejectedBy: { ...affinity } },
        { cluster: 'm4', verdict: 'Filtered', rejectedBy: taint },
        { cluster: 'm5', verdict: 'Filtered', rejectedBy: affinity },
      ],
      want: {
        explanation: [{ cluster: 'm2', score: 100, availableReplicas: 4, assignedReplicas: 2 }],
        rejected: [
          { ...affinity, clusters: ['m1', 'm3', 'm5'] },
          { ...taint, clusters: ['m4'] },
        ],
      },
    },
    {
      name: 'a detail is the last reason, and different details are different groups',
      explanations: [
        { cluster: 'm1', verdict: 'Filtered', rejectedBy: { ...api, detail: 'apps/v1, Kind=Deployment is not served' } },
        { cluster: 'm2', verdict: 'Filtered', rejectedBy: { ...api, detail: 'batch/v1, Kind=Job is not served' } },
        { cluster: 'm3', verdict: 'Filtered', rejectedBy: { ...api, detail: 'apps/v1, Kind=Deployment is not served' } },
      ],
      want: {
        explanation: [],
        rejected: [
          { plugin: api.plugin, reasons: [...api.reasons, 'apps/v1, Kind=Deployment is not served'], clusters: ['m1', 'm3'] },
          { plugin: api.plugin, reasons: [...api.reasons, 'batch/v1, Kind=Job is not served'], clusters: ['m2'] },
        ],
      },
    },
    {
      name: 'the same reasons from two plugins are two groups',
      explanations: [
        { cluster: 'm1', verdict: 'Filtered', rejectedBy: { plugin: 'A', reasons: ['no'] } },
        { cluster: 'm2', verdict: 'Filtered', rejectedBy: { plugin: 'B', reasons: ['no'] } },
      ],
      want: { explanation: [], rejected: [{ plugin: 'A', reasons: ['no'], clusters: ['m1'] }, { plugin: 'B', reasons: ['no'], clusters: ['m2'] }] },
    },
    {
      name: 'deleting, feasible and non-workload clusters keep what they have (the verdict is worked out on reading)',
      explanations: [
        { cluster: 'm1', verdict: 'Deleting' },
        { cluster: 'm2', verdict: 'NotSelected', score: 0, availableReplicas: 3, allocatableReplicas: 3 },
        { cluster: 'm3', verdict: 'Selected', score: 0, overflowTier: 1 },
      ],
      want: { explanation: [{ cluster: 'm1' }, { cluster: 'm2', score: 0, availableReplicas: 3 }, { cluster: 'm3', score: 0 }], rejected: [] },
    },
  ];
  for (const c of cases) it(c.name, () => expect(recordExplanation(c.explanations)).to.deep.equal(c.want));
});

describe('explainRecordedDecision', () => {
  const targets = new Set(['m10', 'm2']);
  const cases: { name: string; recorded: RecordedExplanation; want: ExplainedCluster[] }[] = [
    {
      name: 'grouped rejections come back cluster by cluster, every cluster in name order',
      recorded: {
        explanation: [{ cluster: 'm2', score: 0 }, { cluster: 'm10', score: 100, availableReplicas: 5, assignedReplicas: 1 }],
        rejected: [
          { ...affinity, clusters: ['m3', 'm1'] },
          { ...taint, clusters: ['m11'] },
        ],
      },
      want: [
        { cluster: 'm1', result: 'Rejected', rejectedBy: affinity },
        { cluster: 'm10', result: 'Selected', score: 100, availableReplicas: 5, assignedReplicas: 1 },
        { cluster: 'm11', result: 'Rejected', rejectedBy: taint },
        { cluster: 'm2', result: 'Selected', score: 0 },
        { cluster: 'm3', result: 'Rejected', rejectedBy: affinity },
      ],
    },
    {
      name: 'a decision recorded before the grouping (schema version 1) holds its rejections inline',
      recorded: { explanation: [{ cluster: 'm1', rejectedBy: taint }, { cluster: 'm2', score: 0 }, { cluster: 'm4' }] },
      want: [
        { cluster: 'm1', result: 'Rejected', rejectedBy: taint },
        { cluster: 'm2', result: 'Selected', score: 0 },
        { cluster: 'm4', result: 'Deleting' },
      ],
    },
    { name: 'no decision recorded yet', recorded: { explanation: [] }, want: [] },
  ];
  for (const c of cases) it(c.name, () => expect(explainRecordedDecision(c.recorded, targets)).to.deep.equal(c.want));

  it('gives back what recordExplanation recorded', () => {
    const explanations: ClusterExplanation[] = [
      { cluster: 'a', verdict: 'Filtered', rejectedBy: affinity },
      { cluster: 'b', verdict: 'Selected', score: 0 },
      { cluster: 'c', verdict: 'Filtered', rejectedBy: taint },
      { cluster: 'd', verdict: 'Filtered', rejectedBy: affinity },
    ];
    expect(explainRecordedDecision(recordExplanation(explanations), new Set(['b'])).map((e) => [e.cluster, e.result])).to.deep.equal([
      ['a', 'Rejected'],
      ['b', 'Selected'],
      ['c', 'Rejected'],
      ['d', 'Rejected'],
    ]);
  });
});
