import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import { controllerObserved, hasStatusController } from './controller-status.js';

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
