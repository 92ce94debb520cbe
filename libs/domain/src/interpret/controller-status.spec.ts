import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import { controllerObserved, hasStatusController, replicasCreated } from './controller-status.js';

const object = (generation: number, status?: Record<string, unknown>, uid = 'u1', apiVersion = 'apps/v1', kind = 'Deployment'): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name: 'web', namespace: 'default', uid, generation },
  spec: { replicas: 2 },
  ...(status ? { status } : {}),
});

describe('hasStatusController', () => {
  const cases: { apiVersion: string; kind: string; want: boolean }[] = [
    { apiVersion: 'apps/v1', kind: 'Deployment', want: true },
    { apiVersion: 'apps/v1', kind: 'StatefulSet', want: true },
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', want: true },
    { apiVersion: 'apps/v1', kind: 'DaemonSet', want: true },
    // Karmada keys interpreters by GroupVersionKind; so does this.
    { apiVersion: 'extensions/v1beta1', kind: 'Deployment', want: false },
    { apiVersion: 'v1', kind: 'ConfigMap', want: false },
    { apiVersion: 'v1', kind: 'Service', want: false },
    { apiVersion: 'batch/v1', kind: 'Job', want: false },
  ];
  for (const { apiVersion, kind, want } of cases) {
    it(`${apiVersion} ${kind}: ${want}`, () => expect(hasStatusController({ apiVersion, kind })).to.equal(want));
  }
});

describe('controllerObserved', () => {
  const written = object(2);
  const cases: { name: string; current: KubeObject; want: boolean }[] = [
    { name: 'no status yet', current: object(2), want: false },
    { name: 'status of the previous generation', current: object(2, { observedGeneration: 1, replicas: 2 }), want: false },
    { name: 'status of the written generation', current: object(2, { observedGeneration: 2 }), want: true },
    { name: 'a later generation, observed', current: object(3, { observedGeneration: 3 }), want: true },
    { name: 'an older copy whose status observed its own generation', current: object(1, { observedGeneration: 1 }), want: false },
    { name: 'another object of the same name (recreated)', current: object(2, { observedGeneration: 2 }, 'u2'), want: false },
  ];
  for (const { name, current, want } of cases) {
    it(`${name}: ${want}`, () => expect(controllerObserved(written, current)).to.equal(want));
  }
});

describe('replicasCreated', () => {
  const withStatus = (kind: string, spec: Record<string, unknown>, status: Record<string, unknown>): KubeObject => ({
    apiVersion: 'apps/v1',
    kind,
    metadata: { name: 'web', namespace: 'default', generation: 1 },
    spec,
    status: { observedGeneration: 1, ...status },
  });
  const cases: { name: string; object: KubeObject; want: boolean }[] = [
    { name: 'Deployment before its ReplicaSet has pods', object: withStatus('Deployment', { replicas: 2 }, { unavailableReplicas: 2 }), want: false },
    { name: 'Deployment with some replicas created', object: withStatus('Deployment', { replicas: 2 }, { replicas: 1, updatedReplicas: 1 }), want: false },
    { name: 'Deployment with every replica created, none ready', object: withStatus('Deployment', { replicas: 2 }, { replicas: 2, updatedReplicas: 2, unavailableReplicas: 2 }), want: true },
    { name: 'Deployment rolling: old replicas still there', object: withStatus('Deployment', { replicas: 2 }, { replicas: 3, updatedReplicas: 1 }), want: false },
    { name: 'Deployment without spec.replicas (1)', object: withStatus('Deployment', {}, { replicas: 1, updatedReplicas: 1 }), want: true },
    { name: 'Deployment scaled to zero', object: withStatus('Deployment', { replicas: 0 }, {}), want: true },
    { name: 'StatefulSet with one of three pods', object: withStatus('StatefulSet', { replicas: 3 }, { replicas: 1, updatedReplicas: 1 }), want: false },
    { name: 'ReplicaSet with its pods', object: withStatus('ReplicaSet', { replicas: 2 }, { replicas: 2 }), want: true },
    { name: 'DaemonSet scheduled on every node', object: withStatus('DaemonSet', {}, { desiredNumberScheduled: 3, currentNumberScheduled: 3, updatedNumberScheduled: 3 }), want: true },
    { name: 'DaemonSet still updating', object: withStatus('DaemonSet', {}, { desiredNumberScheduled: 3, currentNumberScheduled: 3, updatedNumberScheduled: 1 }), want: false },
    { name: 'a kind without replicas', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, want: false },
  ];
  for (const { name, object, want } of cases) {
    it(`${name}: ${want}`, () => expect(replicasCreated(object)).to.equal(want));
  }
});
