import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import { isPropagationCandidate, isReservedNamespace } from './propagation-scope.js';

const object = (apiVersion: string, kind: string, namespace?: string, name = 'x'): KubeObject => ({
  apiVersion,
  kind,
  metadata: namespace === undefined ? { name } : { name, namespace },
});

describe('isReservedNamespace', () => {
  const cases: [string | undefined, boolean][] = [
    ['karmada-system', true],
    ['karmada-cluster', true],
    ['karmada-es-member1', true],
    ['karmada-esx', false],
    ['default', false],
    [undefined, false],
  ];
  for (const [namespace, want] of cases) it(`${namespace} → ${want}`, () => expect(isReservedNamespace(namespace)).to.equal(want));
});

describe('isPropagationCandidate', () => {
  const cases: { name: string; object: KubeObject; skipped?: RegExp[]; groups?: string[]; want: boolean }[] = [
    { name: 'a Deployment in default', object: object('apps/v1', 'Deployment', 'default'), want: true },
    { name: 'a cluster-scoped ClusterRole', object: object('rbac.authorization.k8s.io/v1', 'ClusterRole'), want: true },
    { name: 'anything in karmada-system', object: object('v1', 'ConfigMap', 'karmada-system'), want: false },
    { name: 'anything in an execution space', object: object('v1', 'ConfigMap', 'karmada-es-member1'), want: false },
    { name: 'kube-* namespaces by default', object: object('v1', 'ConfigMap', 'kube-public'), want: false },
    { name: 'custom skipped namespaces replace the default', object: object('v1', 'ConfigMap', 'kube-public'), skipped: [/^tmp-.*$/], want: true },
    { name: 'Karmada policies', object: object('policy.karmada.io/v1alpha1', 'PropagationPolicy', 'default'), want: false },
    { name: 'Karmada works', object: object('work.karmada.io/v1alpha1', 'Work', 'default'), want: false },
    { name: 'Karmada clusters', object: object('cluster.karmada.io/v1alpha1', 'Cluster'), want: false },
    { name: 'core events', object: object('v1', 'Event', 'default'), want: false },
    { name: 'events.k8s.io events', object: object('events.k8s.io/v1', 'Event', 'default'), want: false },
    { name: 'leases', object: object('coordination.k8s.io/v1', 'Lease', 'default'), want: false },
    { name: 'an extra skipped group', object: object('example.io/v1', 'Foo', 'default'), groups: ['example.io'], want: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const options = { ...(c.skipped ? { skippedNamespaces: c.skipped } : {}), ...(c.groups ? { skippedApiGroups: c.groups } : {}) };
      expect(isPropagationCandidate(c.object, options)).to.equal(c.want);
    });
  }
  it('never the generated extension-apiserver-authentication ConfigMap, even when kube-* is not skipped', () => {
    expect(isPropagationCandidate(object('v1', 'ConfigMap', 'kube-system', 'extension-apiserver-authentication'), { skippedNamespaces: [] })).to.equal(false);
    expect(isPropagationCandidate(object('v1', 'ConfigMap', 'kube-system', 'other'), { skippedNamespaces: [] })).to.equal(true);
  });
});
