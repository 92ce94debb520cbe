import { expect } from 'chai';
import type { HookContext, KubeObject, ResourceDefinition, ResourceHooks } from '@karmada-ts/kube';
import { karmadaAdmissionHooks } from './admission-hooks.js';

const ids = ['id-1', 'id-2'];
const hooks = new Map(karmadaAdmissionHooks({ newPermanentId: () => ids.shift() ?? 'id-n', addPolicyFinalizers: false }).map(([r, h]) => [`${r.resource}.${r.group}`, h]));
const now = new Date('2026-03-01T10:00:00Z');

function hooksFor(resource: string): Required<Pick<ResourceHooks, 'default' | 'validate'>> {
  const found = hooks.get(resource);
  if (!found?.default || !found.validate) throw new Error(`no hooks for ${resource}`);
  return { default: found.default, validate: found.validate };
}

function ctx(operation: HookContext['operation'], subresource?: 'status'): HookContext {
  return { operation, def: {} as ResourceDefinition, namespace: 'default', subresource, dryRun: false, now, request: undefined };
}

const pp: KubeObject = {
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'PropagationPolicy',
  metadata: { name: 'nginx', namespace: 'default' },
  spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx' }] },
};

describe('karmadaAdmissionHooks', () => {
  it('covers the five Karmada kinds with defaulting and validation', () => {
    expect([...hooks.keys()].sort()).to.deep.equal([
      'clusteroverridepolicies.policy.karmada.io',
      'clusterpropagationpolicies.policy.karmada.io',
      'clusters.cluster.karmada.io',
      'overridepolicies.policy.karmada.io',
      'propagationpolicies.policy.karmada.io',
    ]);
  });

  it('create: a fresh permanent id, then valid', () => {
    const h = hooksFor('propagationpolicies.policy.karmada.io');
    const created = h.default(pp, undefined, ctx('CREATE'));
    expect(created.metadata.labels).to.deep.equal({ 'propagationpolicy.karmada.io/permanent-id': 'id-1' });
    expect(h.validate(created, undefined, ctx('CREATE'))).to.deep.equal([]);
  });

  it('update: the id is kept from the request and checked against the old object', () => {
    const h = hooksFor('propagationpolicies.policy.karmada.io');
    const old = h.default(pp, undefined, ctx('CREATE'));
    const changed = h.default({ ...old, metadata: { ...old.metadata, labels: {} } }, old, ctx('UPDATE'));
    expect(h.validate(changed, old, ctx('UPDATE')).map((e) => e.type)).to.deep.equal(['FieldValueForbidden', 'FieldValueRequired']);
  });

  it('status writes and deletions pass untouched', () => {
    const h = hooksFor('clusters.cluster.karmada.io');
    const bad: KubeObject = { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name: 'm' }, spec: {}, status: { kubernetesVersion: 'v1.32.0' } };
    expect(h.default(bad, bad, ctx('UPDATE', 'status'))).to.equal(bad);
    expect(h.validate(bad, bad, ctx('UPDATE', 'status'))).to.deep.equal([]);
    expect(h.validate(bad, undefined, ctx('DELETE'))).to.deep.equal([]);
    expect(h.validate(bad, undefined, ctx('CREATE')).map((e) => e.field)).to.deep.equal(['spec.syncMode', 'spec.syncMode']);
  });

  it('cluster create gets default resource models and timestamps from the request time', () => {
    const h = hooksFor('clusters.cluster.karmada.io');
    const c: KubeObject = { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name: 'm' }, spec: { syncMode: 'Pull', taints: [{ key: 'k', effect: 'NoExecute' }] } };
    const out = h.default(c, undefined, ctx('CREATE'));
    expect((out['spec'] as { resourceModels: unknown[] }).resourceModels).to.have.length(9);
    expect((out['spec'] as { taints: unknown[] }).taints).to.deep.equal([{ key: 'k', effect: 'NoExecute', timeAdded: '2026-03-01T10:00:00Z' }]);
  });

  it('override policies', () => {
    const h = hooksFor('overridepolicies.policy.karmada.io');
    const op: KubeObject = { apiVersion: 'policy.karmada.io/v1alpha1', kind: 'OverridePolicy', metadata: { name: 'o', namespace: 'default' }, spec: { overrideRules: [{ overriders: { plaintext: [{ path: 'x', operator: 'remove' }] } }] } };
    expect(h.validate(h.default(op, undefined, ctx('CREATE')), undefined, ctx('CREATE')).map((e) => e.field)).to.deep.equal(['spec.overrideRules[0].overriders.plaintext[0].path']);
  });
});
