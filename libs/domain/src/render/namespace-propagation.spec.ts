import { expect } from 'chai';
import type { Cluster } from '../api/cluster.js';
import type { KubeObject } from '../api/meta.js';
import type { ClusterOverridePolicy } from '../api/policy.js';
import { generateWorkName } from './names.js';
import { renderNamespaceWork, shouldAutoPropagateNamespace } from './namespace-propagation.js';

const ns = (name: string, labels?: Record<string, string>, deleting = false): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, uid: `${name}-uid`, ...(labels ? { labels } : {}), ...(deleting ? { deletionTimestamp: 't' } : {}) },
  spec: { finalizers: ['kubernetes'] },
  status: { phase: 'Active' },
});

describe('shouldAutoPropagateNamespace', () => {
  const cases: { name: string; namespace: KubeObject; skipped?: RegExp[]; want: boolean }[] = [
    { name: 'a user namespace', namespace: ns('team-a'), want: true },
    { name: 'default', namespace: ns('default'), want: false },
    { name: 'karmada-system', namespace: ns('karmada-system'), want: false },
    { name: 'karmada-cluster', namespace: ns('karmada-cluster'), want: false },
    { name: 'an execution space', namespace: ns('karmada-es-member1'), want: false },
    { name: 'kube-system (skipped by default)', namespace: ns('kube-system'), want: false },
    { name: 'kube-public with no skip patterns', namespace: ns('kube-public'), skipped: [], want: true },
    { name: 'a custom skip pattern', namespace: ns('tmp-1'), skipped: [/^tmp-/], want: false },
    { name: 'labelled skip-auto-propagation=true', namespace: ns('team-b', { 'namespace.karmada.io/skip-auto-propagation': 'true' }), want: false },
    { name: 'the label is case-insensitive', namespace: ns('team-b', { 'namespace.karmada.io/skip-auto-propagation': 'True' }), want: false },
    { name: 'label false', namespace: ns('team-b', { 'namespace.karmada.io/skip-auto-propagation': 'false' }), want: true },
    { name: 'being deleted', namespace: ns('team-c', undefined, true), want: false },
  ];
  for (const c of cases) it(c.name, () => expect(shouldAutoPropagateNamespace(c.namespace, c.skipped)).to.equal(c.want));
});

describe('renderNamespaceWork', () => {
  const member1: Cluster = { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name: 'member1' }, spec: { syncMode: 'Push' } };
  it('renders a Work owned by the Namespace, with cluster overrides applied', () => {
    const cop: ClusterOverridePolicy = {
      apiVersion: 'policy.karmada.io/v1alpha1',
      kind: 'ClusterOverridePolicy',
      metadata: { name: 'ns-labels' },
      spec: { resourceSelectors: [{ apiVersion: 'v1', kind: 'Namespace' }], overrideRules: [{ overriders: { labelsOverrider: [{ operator: 'add', value: { synced: 'yes' } }] } }] },
    };
    const result = renderNamespaceWork(ns('team-a'), member1, [cop]);
    if (!result.ok) throw new Error(result.error.summary);
    const work = result.work;
    expect(work.metadata.name).to.equal(generateWorkName('Namespace', 'team-a', undefined));
    expect(work.metadata.namespace).to.equal('karmada-es-member1');
    expect(work.metadata.ownerReferences).to.deep.equal([{ apiVersion: 'v1', kind: 'Namespace', name: 'team-a', uid: 'team-a-uid', controller: true, blockOwnerDeletion: true }]);
    expect(work.metadata.annotations).to.have.keys('policy.karmada.io/applied-cluster-overrides');
    expect(work.spec).to.not.have.any.keys('suspendDispatching', 'preserveResourcesOnDeletion');
    const manifest = work.spec.workload.manifests[0];
    expect(manifest?.metadata.labels).to.deep.equal({ synced: 'yes', 'karmada.io/managed': 'true' });
    expect(manifest).to.not.have.property('status');
    expect(manifest?.metadata).to.not.have.property('uid');
  });
});
