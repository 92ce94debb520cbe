import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import type { ReplicaRequirements } from '../api/work.js';
import { interpretReplica, type ReplicaInterpretation } from './replica.js';
import { reviseReplica } from './revise-replica.js';

const podSpec = {
  containers: [{ name: 'nginx', image: 'nginx', resources: { requests: { cpu: '250m', memory: '64Mi' } } }],
  nodeSelector: { disk: 'ssd' },
  tolerations: [{ key: 'gpu', operator: 'Exists' }],
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] } } },
  priorityClassName: 'high',
};
const requirements: ReplicaRequirements = {
  nodeClaim: {
    nodeSelector: { disk: 'ssd' },
    tolerations: [{ key: 'gpu', operator: 'Exists' }],
    hardNodeAffinity: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }] },
  },
  resourceRequest: { cpu: '250m', memory: '64Mi' },
  namespace: 'default',
  priorityClassName: 'high',
};

const workload = (apiVersion: string, kind: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion, kind, metadata: { name: 'w', namespace: 'default' }, spec });

const cases: { name: string; object: KubeObject; want: ReplicaInterpretation | undefined }[] = [
  { name: 'Deployment', object: workload('apps/v1', 'Deployment', { replicas: 3, template: { spec: podSpec } }), want: { replicas: 3, replicaRequirements: requirements } },
  { name: 'Deployment without replicas: the API server default 1', object: workload('apps/v1', 'Deployment', { template: { spec: { containers: [{ name: 'c' }] } } }), want: { replicas: 1 } },
  { name: 'Deployment scaled to zero', object: workload('apps/v1', 'Deployment', { replicas: 0, template: { spec: podSpec } }), want: { replicas: 0, replicaRequirements: requirements } },
  { name: 'StatefulSet', object: workload('apps/v1', 'StatefulSet', { replicas: 2, template: { spec: podSpec } }), want: { replicas: 2, replicaRequirements: requirements } },
  { name: 'ReplicaSet', object: workload('apps/v1', 'ReplicaSet', { replicas: 4, template: { spec: podSpec } }), want: { replicas: 4, replicaRequirements: requirements } },
  { name: 'Job: parallelism', object: workload('batch/v1', 'Job', { parallelism: 3, completions: 10, template: { spec: podSpec } }), want: { replicas: 3, replicaRequirements: requirements } },
  { name: 'Job: capped by completions', object: workload('batch/v1', 'Job', { parallelism: 5, completions: 2, template: { spec: podSpec } }), want: { replicas: 2, replicaRequirements: requirements } },
  { name: 'Job: work queue without completions', object: workload('batch/v1', 'Job', { parallelism: 5, template: { spec: podSpec } }), want: { replicas: 5, replicaRequirements: requirements } },
  { name: 'Pod: always one replica', object: workload('v1', 'Pod', podSpec), want: { replicas: 1, replicaRequirements: requirements } },
  { name: 'DaemonSet has no replica interpreter', object: workload('apps/v1', 'DaemonSet', { template: { spec: podSpec } }), want: undefined },
  { name: 'ConfigMap is not a workload', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, want: undefined },
  { name: 'another apiVersion is not interpreted', object: workload('apps/v1beta1', 'Deployment', { replicas: 3 }), want: undefined },
];

describe('interpretReplica', () => {
  for (const c of cases) it(c.name, () => expect(interpretReplica(c.object)).to.deep.equal(c.want));
});

describe('reviseReplica', () => {
  const revise: { name: string; object: KubeObject; want: unknown }[] = [
    { name: 'Deployment replicas', object: workload('apps/v1', 'Deployment', { replicas: 3 }), want: { replicas: 1 } },
    { name: 'StatefulSet replicas', object: workload('apps/v1', 'StatefulSet', { replicas: 3 }), want: { replicas: 1 } },
    { name: 'Job parallelism', object: workload('batch/v1', 'Job', { parallelism: 3, completions: 6 }), want: { parallelism: 1, completions: 6 } },
    { name: 'a missing field is written', object: workload('apps/v1', 'ReplicaSet', {}), want: { replicas: 1 } },
    { name: 'Pod is left as it is', object: workload('v1', 'Pod', { containers: [] }), want: { containers: [] } },
  ];
  for (const c of revise) it(c.name, () => expect(reviseReplica(c.object, 1).spec).to.deep.equal(c.want));

  it('never edits its input', () => {
    const object = workload('apps/v1', 'Deployment', { replicas: 3 });
    reviseReplica(object, 0);
    expect(object.spec).to.deep.equal({ replicas: 3 });
  });
});
