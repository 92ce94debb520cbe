import { expect } from 'chai';
import { explainLines, type PlacementExplanationView } from './explain-view.js';

describe('explainLines', () => {
  const message = '0/2 clusters are available: 1 cluster(s) did not match the placement cluster affinity constraint, 1 cluster(s) had untolerated taint {dedicated=gpu:NoSchedule}.';
  const explanation: PlacementExplanationView = {
    kind: 'PlacementExplanation',
    binding: { kind: 'ResourceBinding', namespace: 'shop', name: 'web-deployment' },
    scheduledCondition: { status: 'False', reason: 'NoClusterFit' },
    decidedAt: '2026-03-01T12:00:00.000Z',
    clusters: [
      { cluster: 'member1', result: 'Rejected', rejectedBy: { plugin: 'ClusterAffinity', reasons: ['cluster(s) did not match the placement cluster affinity constraint'] } },
      { cluster: 'member2', result: 'Rejected', rejectedBy: { plugin: 'TaintToleration', reasons: ['cluster(s) had untolerated taint {dedicated=gpu:NoSchedule}'] } },
      { cluster: 'member3', result: 'Selected', score: 100, availableReplicas: 12, assignedReplicas: 2 },
    ],
    summary: message,
  };

  it('prints one row per cluster, the condition and the summary', () => {
    expect(explainLines(explanation)).to.deep.equal([
      'CLUSTER   RESULT     PLUGIN            REASON                                                               SCORE    AVAILABLE   ASSIGNED',
      'member1   Rejected   ClusterAffinity   cluster(s) did not match the placement cluster affinity constraint   <none>   <none>      <none>',
      'member2   Rejected   TaintToleration   cluster(s) had untolerated taint {dedicated=gpu:NoSchedule}          <none>   <none>      <none>',
      'member3   Selected   <none>            <none>                                                               100      12          2',
      '',
      'ResourceBinding shop/web-deployment: Scheduled=False (NoClusterFit), decided at 2026-03-01T12:00:00.000Z',
      `Summary: ${message}`,
    ]);
  });

  it('says so when the scheduler never ran', () => {
    const lines = explainLines({ ...explanation, binding: { kind: 'ClusterResourceBinding', name: 'r' }, scheduledCondition: {}, clusters: [], summary: '' });
    expect(lines).to.deep.equal(['No clusters were considered.', '', 'ClusterResourceBinding r: never scheduled, decided at 2026-03-01T12:00:00.000Z']);
  });
});
