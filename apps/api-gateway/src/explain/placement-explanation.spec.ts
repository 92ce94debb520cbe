import { expect } from 'chai';
import type { PlacementDecidedData } from '@karmada-ts/contracts';
import { placementExplanation } from './placement-explanation.js';

describe('placementExplanation', () => {
  const message = '0/3 clusters are available: 1 cluster(s) had untolerated taint {dedicated=gpu:NoSchedule}, 2 cluster(s) did not match the placement cluster affinity constraint.';
  const data: PlacementDecidedData = {
    binding: { kind: 'ResourceBinding', namespace: 'shop', name: 'web-deployment', uid: 'rb-1' },
    observedBindingSeq: 7,
    clusters: [],
    gracefulEvictionTasks: [],
    scheduledCondition: { type: 'Scheduled', status: 'False', reason: 'NoClusterFit', message, lastTransitionTime: '2026-03-01T12:00:00Z' },
    explanation: [
      { cluster: 'member1', rejectedBy: { plugin: 'TaintToleration', reasons: ['cluster(s) had untolerated taint {dedicated=gpu:NoSchedule}'] } },
      { cluster: 'member2', rejectedBy: { plugin: 'ClusterAffinity', reasons: ['cluster(s) did not match the placement cluster affinity constraint'] } },
    ],
  };

  it('shows each cluster with its verdict, and the condition message as the summary', () => {
    const binding = { kind: 'ResourceBinding' as const, namespace: 'shop', name: 'web-deployment' };
    expect(placementExplanation(binding, { time: '2026-03-01T12:00:00.123Z', data })).to.deep.equal({
      kind: 'PlacementExplanation',
      binding,
      scheduledCondition: data.scheduledCondition,
      decidedAt: '2026-03-01T12:00:00.123Z',
      observedBindingSeq: 7,
      clusters: [
        { cluster: 'member1', result: 'Rejected', rejectedBy: { plugin: 'TaintToleration', reasons: ['cluster(s) had untolerated taint {dedicated=gpu:NoSchedule}'] } },
        { cluster: 'member2', result: 'Rejected', rejectedBy: { plugin: 'ClusterAffinity', reasons: ['cluster(s) did not match the placement cluster affinity constraint'] } },
      ],
      summary: message,
    });
  });

  it('has an empty summary when the scheduler never set the condition', () => {
    const binding = { kind: 'ClusterResourceBinding' as const, name: 'reader-clusterrole' };
    expect(placementExplanation(binding, { time: 't', data: { ...data, scheduledCondition: {}, explanation: [] } }).summary).to.equal('');
  });
});
