import { expect } from 'chai';
import type { KubeObject } from '@karmada-ts/kube';
import { defaultClusterPropagationPolicy, defaultPropagationPolicy, type PolicyAdmission } from './propagation-policy-defaults.js';

const id = '7f0c8d3e-1b2a-4c5d-8e9f-0a1b2c3d4e5f';
const create: PolicyAdmission = { operation: 'CREATE', permanentId: id, addFinalizer: false };
const createWithFinalizer: PolicyAdmission = { operation: 'CREATE', permanentId: id, addFinalizer: true };
const update: PolicyAdmission = { operation: 'UPDATE' };
const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx' };
const crdDefaults = { conflictResolution: 'Abort', preemption: 'Never', priority: 0, schedulerName: 'default-scheduler' };

function pp(spec: Record<string, unknown>, metadata: KubeObject['metadata'] = { name: 'p', namespace: 'team-a' }): KubeObject {
  return { apiVersion: 'policy.karmada.io/v1alpha1', kind: 'PropagationPolicy', metadata, spec };
}

const specCases: { name: string; spec: Record<string, unknown>; want: Record<string, unknown> }[] = [
  {
    name: 'CRD defaults, the placement struct and the selector namespace',
    spec: { resourceSelectors: [deployment] },
    want: { resourceSelectors: [{ ...deployment, namespace: 'team-a' }], placement: {}, ...crdDefaults },
  },
  {
    name: 'given values are kept',
    spec: { resourceSelectors: [{ ...deployment, namespace: 'team-a' }], placement: {}, conflictResolution: 'Overwrite', preemption: 'Always', priority: 7, schedulerName: 'mine' },
    want: { resourceSelectors: [{ ...deployment, namespace: 'team-a' }], placement: {}, conflictResolution: 'Overwrite', preemption: 'Always', priority: 7, schedulerName: 'mine' },
  },
  {
    name: 'an empty selector namespace is filled, another kept for validation',
    spec: { resourceSelectors: [{ ...deployment, namespace: '' }, { ...deployment, namespace: 'other' }] },
    want: { resourceSelectors: [{ ...deployment, namespace: 'team-a' }, { ...deployment, namespace: 'other' }], placement: {}, ...crdDefaults },
  },
  {
    name: 'replica scheduling present: Divided, then Weighted',
    spec: { resourceSelectors: [deployment], placement: { replicaScheduling: {} } },
    want: { resourceSelectors: [{ ...deployment, namespace: 'team-a' }], placement: { replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted' } }, ...crdDefaults },
  },
  {
    name: 'Duplicated gets no division preference',
    spec: { resourceSelectors: [deployment], placement: { replicaScheduling: { replicaSchedulingType: 'Duplicated' } } },
    want: { resourceSelectors: [{ ...deployment, namespace: 'team-a' }], placement: { replicaScheduling: { replicaSchedulingType: 'Duplicated' } }, ...crdDefaults },
  },
  {
    name: 'Aggregated is kept',
    spec: { resourceSelectors: [deployment], placement: { replicaScheduling: { replicaDivisionPreference: 'Aggregated' } } },
    want: { resourceSelectors: [{ ...deployment, namespace: 'team-a' }], placement: { replicaScheduling: { replicaDivisionPreference: 'Aggregated', replicaSchedulingType: 'Divided' } }, ...crdDefaults },
  },
  {
    name: 'spread constraints: field cluster and minGroups 1',
    spec: { resourceSelectors: [deployment], placement: { spreadConstraints: [{ maxGroups: 2 }, { spreadByLabel: 'zone', minGroups: 0 }, { spreadByField: 'region', minGroups: 2 }] } },
    want: {
      resourceSelectors: [{ ...deployment, namespace: 'team-a' }],
      placement: { spreadConstraints: [{ maxGroups: 2, spreadByField: 'cluster', minGroups: 1 }, { spreadByLabel: 'zone', minGroups: 1 }, { spreadByField: 'region', minGroups: 2 }] },
      ...crdDefaults,
    },
  },
  {
    name: 'application failover: tolerationSeconds 300, Gracefully, 600',
    spec: { resourceSelectors: [deployment], failover: { application: { decisionConditions: {} } } },
    want: {
      resourceSelectors: [{ ...deployment, namespace: 'team-a' }],
      failover: { application: { decisionConditions: { tolerationSeconds: 300 }, purgeMode: 'Gracefully', gracePeriodSeconds: 600 } },
      placement: {},
      ...crdDefaults,
    },
  },
  {
    name: 'application failover purging directly gets no grace period',
    spec: { resourceSelectors: [deployment], failover: { application: { decisionConditions: { tolerationSeconds: 10 }, purgeMode: 'Directly' } } },
    want: { resourceSelectors: [{ ...deployment, namespace: 'team-a' }], failover: { application: { decisionConditions: { tolerationSeconds: 10 }, purgeMode: 'Directly' } }, placement: {}, ...crdDefaults },
  },
  {
    name: 'cluster failover: Gracefully',
    spec: { resourceSelectors: [deployment], failover: { cluster: {} } },
    want: { resourceSelectors: [{ ...deployment, namespace: 'team-a' }], failover: { cluster: { purgeMode: 'Gracefully' } }, placement: {}, ...crdDefaults },
  },
  {
    name: 'a ServiceImport selector turns on propagateDeps',
    spec: { resourceSelectors: [{ apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceImport', name: 'web' }] },
    want: { resourceSelectors: [{ apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceImport', name: 'web', namespace: 'team-a' }], propagateDeps: true, placement: {}, ...crdDefaults },
  },
  {
    name: 'nulls are dropped or defaulted',
    spec: { resourceSelectors: [deployment], priority: null, dependentOverrides: null },
    want: { resourceSelectors: [{ ...deployment, namespace: 'team-a' }], placement: {}, ...crdDefaults },
  },
  {
    name: 'members of the wrong type are left for validation',
    spec: { resourceSelectors: 'all', placement: { spreadConstraints: 'x', replicaScheduling: [] }, failover: { application: 'x' } },
    want: { resourceSelectors: 'all', placement: { spreadConstraints: 'x', replicaScheduling: [] }, failover: { application: 'x' }, ...crdDefaults },
  },
];

describe('defaultPropagationPolicy: spec', () => {
  for (const c of specCases) it(c.name, () => expect(defaultPropagationPolicy(pp(c.spec), update)['spec']).to.deep.equal(c.want));
});

describe('defaultPropagationPolicy: metadata', () => {
  it('create sets the permanent id, overwriting a client one', () => {
    const out = defaultPropagationPolicy(pp({ resourceSelectors: [deployment] }, { name: 'p', namespace: 'a', labels: { app: 'x', 'propagationpolicy.karmada.io/permanent-id': 'mine' } }), create);
    expect(out.metadata.labels).to.deep.equal({ app: 'x', 'propagationpolicy.karmada.io/permanent-id': id });
    expect(out.metadata.finalizers).to.equal(undefined);
  });
  it('create adds the finalizer once when asked', () => {
    const out = defaultPropagationPolicy(pp({ resourceSelectors: [deployment] }), createWithFinalizer);
    expect(out.metadata.finalizers).to.deep.equal(['karmada.io/propagation-policy-controller']);
    const again = defaultPropagationPolicy(out, createWithFinalizer);
    expect(again.metadata.finalizers).to.deep.equal(['karmada.io/propagation-policy-controller']);
  });
  it('update leaves labels and finalizers alone', () => {
    const metadata = { name: 'p', namespace: 'a', labels: { 'propagationpolicy.karmada.io/permanent-id': 'old' } };
    expect(defaultPropagationPolicy(pp({ resourceSelectors: [deployment] }, metadata), update).metadata).to.deep.equal(metadata);
  });
  it('is idempotent', () => {
    const once = defaultPropagationPolicy(pp({ resourceSelectors: [deployment], placement: { spreadConstraints: [{}], replicaScheduling: {} } }), create);
    expect(defaultPropagationPolicy(once, update)).to.deep.equal(once);
  });
  it('does not change its input', () => {
    const input = pp({ resourceSelectors: [deployment], placement: { spreadConstraints: [{}] } });
    const copy = structuredClone(input);
    defaultPropagationPolicy(input, create);
    expect(input).to.deep.equal(copy);
  });
  it('without a spec only metadata changes', () => {
    const out = defaultPropagationPolicy({ apiVersion: 'policy.karmada.io/v1alpha1', kind: 'PropagationPolicy', metadata: { name: 'p', namespace: 'a' } }, create);
    expect(out['spec']).to.equal(undefined);
    expect(Object.keys(out.metadata.labels ?? {})).to.deep.equal(['propagationpolicy.karmada.io/permanent-id']);
  });
});

describe('defaultClusterPropagationPolicy', () => {
  const cpp = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'policy.karmada.io/v1alpha1', kind: 'ClusterPropagationPolicy', metadata: { name: 'c' }, spec });
  it('leaves selector namespaces empty', () =>
    expect(defaultClusterPropagationPolicy(cpp({ resourceSelectors: [deployment] }), update)['spec']).to.deep.equal({ resourceSelectors: [deployment], placement: {}, ...crdDefaults }));
  it('uses its own label and finalizer', () => {
    const out = defaultClusterPropagationPolicy(cpp({ resourceSelectors: [deployment] }), createWithFinalizer);
    expect(out.metadata.labels).to.have.property('clusterpropagationpolicy.karmada.io/permanent-id');
    expect(out.metadata.labels).to.not.have.property('propagationpolicy.karmada.io/permanent-id');
    expect(out.metadata.finalizers).to.deep.equal(['karmada.io/cluster-propagation-policy-controller']);
  });
  it('applies the same spec defaults', () =>
    expect(defaultClusterPropagationPolicy(cpp({ resourceSelectors: [deployment], placement: { spreadConstraints: [{}] } }), update)['spec']).to.deep.include({
      placement: { spreadConstraints: [{ spreadByField: 'cluster', minGroups: 1 }] },
    }));
});
