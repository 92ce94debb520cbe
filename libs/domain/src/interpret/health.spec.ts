import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import type { ResourceHealth } from '../api/work.js';
import { interpretHealth } from './health.js';

const object = (apiVersion: string, kind: string, spec: unknown, status: unknown, generation = 2): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name: 'o', namespace: 'default', generation },
  spec,
  status,
});
const deploy = (status: Record<string, number>, replicas = 3) => object('apps/v1', 'Deployment', { replicas }, { observedGeneration: 2, ...status });

const cases: { name: string; object: KubeObject; want: ResourceHealth }[] = [
  { name: 'Deployment rolled out', object: deploy({ updatedReplicas: 3, availableReplicas: 3 }), want: 'Healthy' },
  { name: 'Deployment with an old observed generation', object: deploy({ observedGeneration: 1, updatedReplicas: 3, availableReplicas: 3 }), want: 'Unhealthy' },
  { name: 'Deployment still updating', object: deploy({ updatedReplicas: 2, availableReplicas: 2 }), want: 'Unhealthy' },
  { name: 'Deployment updated but not available', object: deploy({ updatedReplicas: 3, availableReplicas: 2 }), want: 'Unhealthy' },
  { name: 'Deployment scaled to zero', object: deploy({}, 0), want: 'Healthy' },
  { name: 'StatefulSet rolled out', object: object('apps/v1', 'StatefulSet', { replicas: 2 }, { observedGeneration: 2, updatedReplicas: 2, availableReplicas: 2 }), want: 'Healthy' },
  { name: 'ReplicaSet short of available', object: object('apps/v1', 'ReplicaSet', { replicas: 2 }, { observedGeneration: 2, availableReplicas: 1 }), want: 'Unhealthy' },
  { name: 'ReplicaSet available', object: object('apps/v1', 'ReplicaSet', { replicas: 2 }, { observedGeneration: 2, availableReplicas: 2 }), want: 'Healthy' },
  {
    name: 'DaemonSet fully scheduled and available',
    object: object('apps/v1', 'DaemonSet', {}, { observedGeneration: 2, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3 }),
    want: 'Healthy',
  },
  {
    name: 'DaemonSet not all updated',
    object: object('apps/v1', 'DaemonSet', {}, { observedGeneration: 2, desiredNumberScheduled: 3, updatedNumberScheduled: 2, numberAvailable: 2 }),
    want: 'Unhealthy',
  },
  { name: 'ClusterIP Service', object: object('v1', 'Service', { type: 'ClusterIP' }, {}), want: 'Healthy' },
  { name: 'Service without a type is ClusterIP', object: object('v1', 'Service', {}, {}), want: 'Healthy' },
  { name: 'LoadBalancer Service without an address', object: object('v1', 'Service', { type: 'LoadBalancer' }, { loadBalancer: {} }), want: 'Unhealthy' },
  { name: 'LoadBalancer Service with an IP', object: object('v1', 'Service', { type: 'LoadBalancer' }, { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } }), want: 'Healthy' },
  { name: 'Ingress with a hostname', object: object('networking.k8s.io/v1', 'Ingress', {}, { loadBalancer: { ingress: [{ hostname: 'lb' }] } }), want: 'Healthy' },
  { name: 'Ingress without an address', object: object('networking.k8s.io/v1', 'Ingress', {}, {}), want: 'Unhealthy' },
  { name: 'PVC bound', object: object('v1', 'PersistentVolumeClaim', {}, { phase: 'Bound' }), want: 'Healthy' },
  { name: 'PVC pending', object: object('v1', 'PersistentVolumeClaim', {}, { phase: 'Pending' }), want: 'Unhealthy' },
  { name: 'Pod running and ready', object: object('v1', 'Pod', {}, { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] }), want: 'Healthy' },
  { name: 'Pod running, not ready', object: object('v1', 'Pod', {}, { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] }), want: 'Unhealthy' },
  { name: 'Pod succeeded', object: object('v1', 'Pod', {}, { phase: 'Succeeded' }), want: 'Healthy' },
  { name: 'PDB with enough healthy pods', object: object('policy/v1', 'PodDisruptionBudget', {}, { currentHealthy: 2, desiredHealthy: 2 }), want: 'Healthy' },
  { name: 'Job has no rule: Healthy', object: object('batch/v1', 'Job', {}, { failed: 3 }), want: 'Healthy' },
  { name: 'ConfigMap has no rule: Healthy', object: object('v1', 'ConfigMap', undefined, undefined), want: 'Healthy' },
];

describe('interpretHealth', () => {
  for (const c of cases) it(c.name, () => expect(interpretHealth(c.object)).to.equal(c.want));
});
