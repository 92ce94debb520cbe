import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import type { ClusterPropagationPolicy, PropagationPolicy } from '../api/policy.js';
import type { AnyResourceBinding, ResourceBinding } from '../api/work.js';
import { bindingOwnedByOther, buildBinding, mergeBinding, mergeSuspension, shouldRefreshBinding } from './build-binding.js';

const deployment: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'nginx', namespace: 'default', uid: 'uid-1', resourceVersion: '7' },
  spec: { replicas: 3, template: { spec: { containers: [{ name: 'nginx', image: 'nginx', resources: { requests: { cpu: '100m' } } }] } } },
};
const pp: PropagationPolicy = {
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'PropagationPolicy',
  metadata: { name: 'pp', namespace: 'default', labels: { 'propagationpolicy.karmada.io/permanent-id': 'pp-id' } },
  spec: {
    resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }],
    placement: { clusterAffinity: { clusterNames: ['member1', 'member2'] }, replicaScheduling: { replicaSchedulingType: 'Divided' } },
    propagateDeps: true,
    conflictResolution: 'Overwrite',
    failover: { application: { purgeMode: 'Gracefully' } },
    suspension: { dispatching: true },
    preserveResourcesOnDeletion: true,
    failback: { enabled: true },
  },
};
const cpp: ClusterPropagationPolicy = {
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'ClusterPropagationPolicy',
  metadata: { name: 'cpp', labels: { 'clusterpropagationpolicy.karmada.io/permanent-id': 'cpp-id' } },
  spec: { resourceSelectors: [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' }], schedulerName: 'my-scheduler' },
};

describe('buildBinding', () => {
  it('builds a ResourceBinding for a namespaced template claimed by a PP', () => {
    expect(buildBinding(deployment, pp, { permanentId: 'rb-id', schedulePriority: 1000 })).to.deep.equal({
      apiVersion: 'work.karmada.io/v1alpha2',
      kind: 'ResourceBinding',
      metadata: {
        name: 'nginx-deployment',
        namespace: 'default',
        labels: { 'propagationpolicy.karmada.io/permanent-id': 'pp-id', 'resourcebinding.karmada.io/permanent-id': 'rb-id' },
        annotations: { 'propagationpolicy.karmada.io/namespace': 'default', 'propagationpolicy.karmada.io/name': 'pp' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx', uid: 'uid-1', controller: true, blockOwnerDeletion: true }],
        finalizers: ['karmada.io/binding-controller'],
      },
      spec: {
        resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'nginx', uid: 'uid-1', resourceVersion: '7' },
        propagateDeps: true,
        replicaRequirements: { resourceRequest: { cpu: '100m' }, namespace: 'default' },
        replicas: 3,
        placement: pp.spec.placement,
        schedulerName: 'default-scheduler',
        failover: { application: { purgeMode: 'Gracefully' } },
        conflictResolution: 'Overwrite',
        suspension: { dispatching: true },
        preserveResourcesOnDeletion: true,
        schedulePriority: { priority: 1000 },
        failback: { enabled: true },
      },
    });
  });

  it('builds a ClusterResourceBinding for a cluster-scoped template claimed by a CPP', () => {
    const role: KubeObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:reader', uid: 'r-1' } };
    const binding = buildBinding(role, cpp, { permanentId: 'crb-id' });
    expect(binding.kind).to.equal('ClusterResourceBinding');
    expect(binding.metadata).to.deep.equal({
      name: 'system.reader-clusterrole',
      labels: { 'clusterpropagationpolicy.karmada.io/permanent-id': 'cpp-id', 'clusterresourcebinding.karmada.io/permanent-id': 'crb-id' },
      annotations: { 'clusterpropagationpolicy.karmada.io/name': 'cpp' },
      ownerReferences: [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'system:reader', uid: 'r-1', controller: true, blockOwnerDeletion: true }],
      finalizers: ['karmada.io/cluster-resource-binding-controller'],
    });
    expect(binding.spec).to.deep.equal({
      resource: { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'system:reader', uid: 'r-1' },
      placement: {},
      schedulerName: 'my-scheduler',
    });
  });

  it('a CPP claiming a namespaced template makes a ResourceBinding with CPP claim metadata', () => {
    const binding = buildBinding(deployment, { ...cpp, spec: { ...cpp.spec, resourceSelectors: [] } }, { permanentId: 'rb-id' });
    expect(binding.kind).to.equal('ResourceBinding');
    expect(binding.metadata.labels).to.deep.equal({ 'clusterpropagationpolicy.karmada.io/permanent-id': 'cpp-id', 'resourcebinding.karmada.io/permanent-id': 'rb-id' });
  });
});

describe('mergeBinding', () => {
  const existing: ResourceBinding = {
    apiVersion: 'work.karmada.io/v1alpha2',
    kind: 'ResourceBinding',
    metadata: {
      name: 'nginx-deployment',
      namespace: 'default',
      uid: 'b-1',
      labels: { 'resourcebinding.karmada.io/permanent-id': 'old-id', 'clusterpropagationpolicy.karmada.io/permanent-id': 'cpp-id', custom: 'x' },
      annotations: { 'clusterpropagationpolicy.karmada.io/name': 'cpp', 'policy.karmada.io/applied-placement': '{}' },
      finalizers: ['karmada.io/binding-dependencies-distributor'],
    },
    spec: {
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'nginx', uid: 'uid-1', resourceVersion: '1' },
      replicas: 1,
      clusters: [{ name: 'member1', replicas: 1 }],
      gracefulEvictionTasks: [{ fromCluster: 'member3', reason: 'TaintUntolerated', producer: 'TaintManager' }],
      requiredBy: [{ namespace: 'default', name: 'other', clusters: [{ name: 'member1' }] }],
      suspension: { dispatching: false, scheduling: true },
      schedulerName: 'default-scheduler',
      conflictResolution: 'Abort',
    },
    status: { conditions: [] },
  };
  const desired: AnyResourceBinding = buildBinding(deployment, pp, { permanentId: 'new-id' });
  const merged = mergeBinding(existing, desired);

  it('never touches the scheduler result, eviction tasks, requiredBy or status', () => {
    expect(merged.spec.clusters).to.deep.equal(existing.spec.clusters);
    expect(merged.spec.gracefulEvictionTasks).to.deep.equal(existing.spec.gracefulEvictionTasks);
    expect(merged.spec.requiredBy).to.deep.equal(existing.spec.requiredBy);
    expect(merged.status).to.deep.equal(existing.status);
    expect(merged.metadata.uid).to.equal('b-1');
  });
  it('replaces the detector-owned fields', () => {
    expect(merged.spec.resource.resourceVersion).to.equal('7');
    expect(merged.spec.replicas).to.equal(3);
    expect(merged.spec.placement).to.deep.equal(pp.spec.placement);
    expect(merged.spec.conflictResolution).to.equal('Overwrite');
    expect(merged.spec.propagateDeps).to.equal(true);
    expect(merged.spec.failback).to.deep.equal({ enabled: true });
  });
  it('keeps the scheduler-owned suspension flag while taking the policy dispatching', () => {
    expect(merged.spec.suspension).to.deep.equal({ dispatching: true, scheduling: true });
  });
  it('keeps its permanent id and other labels, drops the CPP claim for a PP claim', () => {
    expect(merged.metadata.labels).to.deep.equal({ 'resourcebinding.karmada.io/permanent-id': 'old-id', custom: 'x', 'propagationpolicy.karmada.io/permanent-id': 'pp-id' });
    expect(merged.metadata.annotations).to.deep.equal({
      'policy.karmada.io/applied-placement': '{}',
      'propagationpolicy.karmada.io/namespace': 'default',
      'propagationpolicy.karmada.io/name': 'pp',
    });
  });
  it('unites finalizers and takes the owner references', () => {
    expect(merged.metadata.finalizers).to.deep.equal(['karmada.io/binding-dependencies-distributor', 'karmada.io/binding-controller']);
    expect(merged.metadata.ownerReferences).to.deep.equal(desired.metadata.ownerReferences);
  });
  it('clears fields the policy no longer sets', () => {
    const plain = buildBinding(deployment, { ...pp, spec: { resourceSelectors: pp.spec.resourceSelectors } }, { permanentId: 'x' });
    const cleared = mergeBinding(merged, plain);
    expect(cleared.spec).to.not.have.any.keys('failover', 'failback', 'conflictResolution', 'preserveResourcesOnDeletion', 'propagateDeps');
    expect(cleared.spec.suspension).to.deep.equal({ scheduling: true });
  });
  it('never edits its inputs', () => expect(existing.spec.replicas).to.equal(1));
});

describe('mergeSuspension', () => {
  const cases: { name: string; existing?: { dispatching?: boolean; scheduling?: boolean }; policy?: { dispatching?: boolean }; want: unknown }[] = [
    { name: 'neither', want: undefined },
    { name: 'policy only', policy: { dispatching: true }, want: { dispatching: true } },
    { name: 'policy removed, no scheduling flag', existing: { dispatching: true }, want: undefined },
    { name: 'policy removed, scheduling flag kept', existing: { dispatching: true, scheduling: false }, want: { scheduling: false } },
  ];
  for (const c of cases) it(c.name, () => expect(mergeSuspension(c.existing, c.policy)).to.deep.equal(c.want));
});

describe('bindingOwnedByOther / shouldRefreshBinding', () => {
  const binding = buildBinding(deployment, pp, { permanentId: 'x' });
  it('detects a binding left over from a previous template of the same name', () => {
    expect(bindingOwnedByOther(binding, deployment)).to.equal(false);
    expect(bindingOwnedByOther(binding, { ...deployment, metadata: { ...deployment.metadata, uid: 'uid-2' } })).to.equal(true);
  });
  it('lazy policies wait for a user change', () => {
    const lazy: PropagationPolicy = { ...pp, spec: { ...pp.spec, activationPreference: 'Lazy' } };
    expect(shouldRefreshBinding(lazy, true)).to.equal(false);
    expect(shouldRefreshBinding(lazy, false)).to.equal(true);
    expect(shouldRefreshBinding(pp, true)).to.equal(true);
  });
});
