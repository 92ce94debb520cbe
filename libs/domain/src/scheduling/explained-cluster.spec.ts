import { expect } from 'chai';
import { explainCluster, explainRecordedCluster, type ExplainedCluster, type RecordedClusterExplanation } from './explained-cluster.js';
import type { ClusterExplanation } from './explanation.js';

const taint = { plugin: 'TaintToleration', reasons: ['cluster(s) had untolerated taint {dedicated=gpu:NoSchedule}'] };

describe('explainCluster', () => {
  const cases: { name: string; explanation: ClusterExplanation; want: ExplainedCluster }[] = [
    {
      name: 'a rejection keeps its plugin and appends its detail to the reasons',
      explanation: { cluster: 'm1', verdict: 'Filtered', rejectedBy: { plugin: 'APIEnablement', reasons: ['cluster(s) did not have the API resource'], detail: 'apps/v1, Kind=Deployment is not served by the cluster' } },
      want: { cluster: 'm1', result: 'Rejected', rejectedBy: { plugin: 'APIEnablement', reasons: ['cluster(s) did not have the API resource', 'apps/v1, Kind=Deployment is not served by the cluster'] } },
    },
    { name: 'a deleting cluster', explanation: { cluster: 'm2', verdict: 'Deleting' }, want: { cluster: 'm2', result: 'Deleting' } },
    {
      name: 'a selected workload target with its figures',
      explanation: { cluster: 'm3', verdict: 'Selected', score: 100, availableReplicas: 8, allocatableReplicas: 6, assignedReplicas: 2 },
      want: { cluster: 'm3', result: 'Selected', score: 100, availableReplicas: 8, assignedReplicas: 2 },
    },
    {
      name: 'a feasible cluster spread constraints left out',
      explanation: { cluster: 'm4', verdict: 'NotSelected', score: 0, availableReplicas: 3, allocatableReplicas: 3 },
      want: { cluster: 'm4', result: 'Feasible', score: 0, availableReplicas: 3 },
    },
    {
      name: 'a workload selected in an attempt whose assignment failed is no target',
      explanation: { cluster: 'm5', verdict: 'Selected', score: 0, availableReplicas: 1, allocatableReplicas: 1 },
      want: { cluster: 'm5', result: 'Feasible', score: 0, availableReplicas: 1 },
    },
    { name: 'a selected non-workload', explanation: { cluster: 'm6', verdict: 'Selected', score: 0 }, want: { cluster: 'm6', result: 'Selected', score: 0 } },
  ];
  for (const c of cases) it(c.name, () => expect(explainCluster(c.explanation)).to.deep.equal(c.want));
});

describe('explainRecordedCluster', () => {
  const targets = new Set(['m3', 'm6']);
  const cases: { name: string; recorded: RecordedClusterExplanation; want: ExplainedCluster }[] = [
    { name: 'a rejection', recorded: { cluster: 'm1', rejectedBy: taint }, want: { cluster: 'm1', result: 'Rejected', rejectedBy: taint } },
    { name: 'neither rejected nor scored: being deleted', recorded: { cluster: 'm2' }, want: { cluster: 'm2', result: 'Deleting' } },
    {
      name: 'a workload cluster with replicas assigned',
      recorded: { cluster: 'm3', score: 100, availableReplicas: 8, assignedReplicas: 2 },
      want: { cluster: 'm3', result: 'Selected', score: 100, availableReplicas: 8, assignedReplicas: 2 },
    },
    { name: 'a selected workload cluster that got 0 replicas', recorded: { cluster: 'm7', score: 0, availableReplicas: 0, assignedReplicas: 0 }, want: { cluster: 'm7', result: 'Selected', score: 0, availableReplicas: 0, assignedReplicas: 0 } },
    { name: 'a workload cluster without assignment', recorded: { cluster: 'm4', score: 0, availableReplicas: 3 }, want: { cluster: 'm4', result: 'Feasible', score: 0, availableReplicas: 3 } },
    { name: 'a non-workload target', recorded: { cluster: 'm6', score: 0 }, want: { cluster: 'm6', result: 'Selected', score: 0 } },
    { name: 'a non-workload cluster that is no target', recorded: { cluster: 'm8', score: 0 }, want: { cluster: 'm8', result: 'Feasible', score: 0 } },
  ];
  for (const c of cases) it(c.name, () => expect(explainRecordedCluster(c.recorded, targets)).to.deep.equal(c.want));
});
