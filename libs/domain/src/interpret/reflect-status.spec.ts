import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import { reflectStatus } from './reflect-status.js';

const member = (apiVersion: string, kind: string, status: unknown, spec: unknown = {}): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name: 'm', namespace: 'default', generation: 3, annotations: { 'resourcetemplate.karmada.io/generation': '7' } },
  spec,
  ...(status === undefined ? {} : { status }),
});
const available = { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'ok', lastTransitionTime: 't' };

const cases: { name: string; object: KubeObject; want: unknown }[] = [
  { name: 'no status yet', object: member('apps/v1', 'Deployment', undefined), want: undefined },
  {
    name: 'Deployment: counts, generations and (beyond Karmada) conditions, zeros omitted',
    object: member('apps/v1', 'Deployment', { observedGeneration: 3, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, unavailableReplicas: 0, collisionCount: 1, conditions: [available] }),
    want: { generation: 3, resourceTemplateGeneration: 7, observedGeneration: 3, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, conditions: [available] },
  },
  {
    name: 'ReplicaSet: replicas always present',
    object: member('apps/v1', 'ReplicaSet', { fullyLabeledReplicas: 1, observedGeneration: 3 }),
    want: { generation: 3, resourceTemplateGeneration: 7, replicas: 0, observedGeneration: 3 },
  },
  {
    name: 'StatefulSet: required fields and the observed generation',
    object: member('apps/v1', 'StatefulSet', { observedGeneration: 3, replicas: 2, readyReplicas: 1, currentRevision: 'r1' }),
    want: { generation: 3, resourceTemplateGeneration: 7, observedGeneration: 3, replicas: 2, readyReplicas: 1, availableReplicas: 0 },
  },
  {
    name: 'DaemonSet',
    object: member('apps/v1', 'DaemonSet', { desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 1, numberAvailable: 1, observedGeneration: 3 }),
    want: { generation: 3, resourceTemplateGeneration: 7, currentNumberScheduled: 2, numberMisscheduled: 0, desiredNumberScheduled: 2, numberReady: 1, observedGeneration: 3, numberAvailable: 1 },
  },
  { name: 'ClusterIP Service: nothing', object: member('v1', 'Service', { loadBalancer: {} }, { type: 'ClusterIP' }), want: undefined },
  {
    name: 'LoadBalancer Service: the load balancer only',
    object: member('v1', 'Service', { loadBalancer: { ingress: [{ ip: '1.1.1.1' }] }, conditions: [] }, { type: 'LoadBalancer' }),
    want: { loadBalancer: { ingress: [{ ip: '1.1.1.1' }] } },
  },
  {
    name: 'Job: counts, conditions and times',
    object: member('batch/v1', 'Job', { active: 1, succeeded: 2, failed: 0, ready: 1, startTime: 's', conditions: [{ type: 'Complete', status: 'False' }] }),
    want: { conditions: [{ type: 'Complete', status: 'False' }], startTime: 's', active: 1, succeeded: 2 },
  },
  { name: 'Ingress: the whole status', object: member('networking.k8s.io/v1', 'Ingress', { loadBalancer: { ingress: [{ hostname: 'h' }] } }), want: { loadBalancer: { ingress: [{ hostname: 'h' }] } } },
  { name: 'PVC: the whole status', object: member('v1', 'PersistentVolumeClaim', { phase: 'Bound', capacity: { storage: '1Gi' } }), want: { phase: 'Bound', capacity: { storage: '1Gi' } } },
  {
    name: 'PDB',
    object: member('policy/v1', 'PodDisruptionBudget', { currentHealthy: 2, desiredHealthy: 1, disruptionsAllowed: 1, expectedPods: 2, observedGeneration: 3 }),
    want: { disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1, expectedPods: 2 },
  },
];

describe('reflectStatus', () => {
  for (const c of cases) {
    it(c.name, () => {
      const got = reflectStatus(c.object);
      expect(got).to.deep.equal(c.want);
      if (c.want !== undefined) expect(JSON.stringify(got)).to.equal(JSON.stringify(c.want), 'field order');
    });
  }

  it('an all-zero Deployment status of a fresh member is no status', () => {
    const fresh: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'm' }, status: {} };
    expect(reflectStatus(fresh)).to.equal(undefined);
  });
});
