import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import type { ClusterPropagationPolicy, PropagationPolicy, PropagationSpec } from '../api/policy.js';
import { claimOf } from './claim.js';
import { decideTemplate, TemplateCleanupFinalizer, type BindingState, type TemplateDecision, type TemplateInput } from './decide-template.js';

const t0 = '2026-01-01T00:00:00Z';
const deployment = (more: { uid?: string; deleting?: boolean; finalizer?: boolean; configMap?: string } = {}): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'nginx',
    namespace: 'default',
    uid: more.uid ?? 'uid-1',
    resourceVersion: '7',
    labels: { app: 'nginx' },
    ...(more.finalizer === false ? {} : { finalizers: [TemplateCleanupFinalizer] }),
    ...(more.deleting ? { deletionTimestamp: t0 } : {}),
  },
  spec: {
    replicas: 2,
    template: {
      spec: {
        containers: [
          {
            name: 'nginx',
            image: 'nginx',
            resources: { requests: { cpu: '100m' } },
            ...(more.configMap ? { envFrom: [{ configMapRef: { name: more.configMap } }] } : {}),
          },
        ],
      },
    },
  },
});

function pp(name: string, spec: Partial<PropagationSpec> = {}): PropagationPolicy {
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name, namespace: 'default', labels: { 'propagationpolicy.karmada.io/permanent-id': `id-${name}` } },
    spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx' }], placement: { clusterAffinity: { clusterNames: ['member1'] } }, ...spec },
  };
}

function cpp(name: string, priority = 0): ClusterPropagationPolicy {
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'ClusterPropagationPolicy',
    metadata: { name, labels: { 'clusterpropagationpolicy.karmada.io/permanent-id': `id-${name}` } },
    spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment' }], priority },
  };
}

function input(more: Partial<TemplateInput>): TemplateInput {
  return {
    template: deployment(),
    claim: undefined,
    binding: undefined,
    policies: { propagationPolicies: [], clusterPropagationPolicies: [] },
    cleanedUp: false,
    newPermanentId: 'rb-1',
    changedByKarmada: false,
    now: t0,
    ...more,
  };
}

/** Applies a decision to the state it started from: what the next reconcile would see. */
function after(start: TemplateInput, decision: TemplateDecision): TemplateInput {
  return {
    ...start,
    claim: decision.claim ?? (decision.release ? undefined : start.claim),
    binding: decision.binding ?? start.binding,
    newPermanentId: 'rb-2',
  };
}

describe('decideTemplate', () => {
  describe('a live template', () => {
    it('is claimed by the PropagationPolicy naming it, with a binding carrying replicas and requirements', () => {
      const decision = decideTemplate(input({ policies: { propagationPolicies: [pp('nginx-propagation')], clusterPropagationPolicies: [cpp('all', 1000)] } }));
      expect(decision.claim).to.deep.equal({ kind: 'PropagationPolicy', namespace: 'default', name: 'nginx-propagation', permanentId: 'id-nginx-propagation' });
      const binding = decision.binding!.binding;
      expect(decision.binding!.deleting).to.equal(false);
      expect(binding.metadata.name).to.equal('nginx-deployment');
      expect(binding.metadata.labels).to.deep.include({ 'propagationpolicy.karmada.io/permanent-id': 'id-nginx-propagation', 'resourcebinding.karmada.io/permanent-id': 'rb-1' });
      expect(binding.spec.replicas).to.equal(2);
      expect(binding.spec.replicaRequirements?.resourceRequest).to.deep.equal({ cpu: '100m' });
      expect(binding.spec.resource).to.deep.include({ uid: 'uid-1', resourceVersion: '7' });
      expect(binding.spec).to.not.have.property('clusters');
    });

    it('changes nothing when the same inputs come again', () => {
      const start = input({ policies: { propagationPolicies: [pp('nginx-propagation')], clusterPropagationPolicies: [] } });
      const again = decideTemplate(after(start, decideTemplate(start)));
      expect(again).to.not.have.any.keys('claim', 'release', 'binding');
      expect(again.releaseFinalizer).to.equal(false);
    });

    it('stays with its policy when a better one appears (stickiness)', () => {
      const start = input({ policies: { propagationPolicies: [pp('b-low')], clusterPropagationPolicies: [] } });
      const claimed = after(start, decideTemplate(start));
      const decision = decideTemplate({ ...claimed, policies: { propagationPolicies: [pp('b-low'), pp('a-high', { priority: 10 })], clusterPropagationPolicies: [] }, changedByKarmada: true });
      expect(decision).to.not.have.any.keys('claim', 'release', 'binding');
    });

    it('releases the claim of a deleted policy, keeps the binding without the claim, and offers the template to the others', () => {
      const start = input({ policies: { propagationPolicies: [pp('first')], clusterPropagationPolicies: [] } });
      const claimed = after(start, decideTemplate(start));
      const alone = decideTemplate({ ...claimed, policies: { propagationPolicies: [], clusterPropagationPolicies: [] }, changedByKarmada: true });
      expect(alone.release).to.deep.equal({ claim: claimOf(pp('first')), reason: 'PolicyDeleted' });
      expect(alone).to.not.have.property('claim');
      expect(alone.binding!.deleting).to.equal(false);
      expect(alone.binding!.binding.metadata.labels).to.deep.equal({ 'resourcebinding.karmada.io/permanent-id': 'rb-1' });
      expect(alone.binding!.binding.spec.placement).to.deep.equal(pp('first').spec.placement);

      const next = decideTemplate({ ...claimed, policies: { propagationPolicies: [], clusterPropagationPolicies: [cpp('fallback')] }, changedByKarmada: true });
      expect(next.release?.reason).to.equal('PolicyDeleted');
      expect(next.claim).to.deep.equal(claimOf(cpp('fallback')));
      expect(next.binding!.binding.metadata.labels).to.deep.equal({
        'clusterpropagationpolicy.karmada.io/permanent-id': 'id-fallback',
        'resourcebinding.karmada.io/permanent-id': 'rb-1',
      });
    });

    it('follows a policy change, unless the policy activates lazily', () => {
      const start = input({ policies: { propagationPolicies: [pp('nginx-propagation')], clusterPropagationPolicies: [] } });
      const claimed = after(start, decideTemplate(start));
      const changed = pp('nginx-propagation', { placement: { clusterAffinity: { clusterNames: ['member2'] } } });
      const decision = decideTemplate({ ...claimed, policies: { propagationPolicies: [changed], clusterPropagationPolicies: [] }, changedByKarmada: true });
      expect(decision.binding!.binding.spec.placement).to.deep.equal(changed.spec.placement);
      const lazy = pp('nginx-propagation', { ...changed.spec, activationPreference: 'Lazy' });
      expect(decideTemplate({ ...claimed, policies: { propagationPolicies: [lazy], clusterPropagationPolicies: [] }, changedByKarmada: true })).to.not.have.property('binding');
      expect(decideTemplate({ ...claimed, policies: { propagationPolicies: [lazy], clusterPropagationPolicies: [] } })).to.have.property('binding');
    });

    it('lists the dependencies on the binding with propagateDeps', () => {
      const decision = decideTemplate(input({ template: deployment({ configMap: 'nginx-config' }), policies: { propagationPolicies: [pp('deps', { propagateDeps: true })], clusterPropagationPolicies: [] } }));
      expect(decision.binding!.binding.metadata.annotations?.['resourcebinding.karmada.io/dependencies']).to.equal(
        '[{"apiVersion":"v1","kind":"ConfigMap","namespace":"default","name":"nginx-config"}]',
      );
      expect(decision.binding!.binding.spec.propagateDeps).to.equal(true);
    });

    it('replaces the binding of an earlier template of the same name', () => {
      const start = input({ policies: { propagationPolicies: [pp('nginx-propagation')], clusterPropagationPolicies: [] } });
      const old = decideTemplate(start).binding!;
      const decision = decideTemplate({ ...start, template: deployment({ uid: 'uid-2' }), binding: { binding: old.binding, deleting: true }, newPermanentId: 'rb-new' });
      expect(decision.binding!.deleting).to.equal(false);
      expect(decision.binding!.binding.metadata.labels?.['resourcebinding.karmada.io/permanent-id']).to.equal('rb-new');
      expect(decision.binding!.binding.spec.resource.uid).to.equal('uid-2');
    });
  });

  describe('deletion', () => {
    const policies = { propagationPolicies: [pp('nginx-propagation')], clusterPropagationPolicies: [] };
    const live = input({ policies });
    const own: BindingState = decideTemplate(live).binding!;

    it('marks the binding of a deleting template as deleting and keeps the finalizer', () => {
      const decision = decideTemplate({ ...live, template: deployment({ deleting: true }), binding: own });
      expect(decision.binding!.deleting).to.equal(true);
      expect(decision.binding!.binding.metadata.deletionTimestamp).to.equal(t0);
      expect(decision.releaseFinalizer).to.equal(false);
    });

    it('releases the finalizer once the deleting binding is cleaned up', () => {
      const deletingBinding = decideTemplate({ ...live, template: deployment({ deleting: true }), binding: own }).binding!;
      const waiting = decideTemplate({ ...live, template: deployment({ deleting: true }), binding: deletingBinding });
      expect(waiting).to.deep.equal({ releaseFinalizer: false });
      const done = decideTemplate({ ...live, template: deployment({ deleting: true }), binding: deletingBinding, cleanedUp: true });
      expect(done).to.deep.equal({ releaseFinalizer: true });
    });

    it('releases the finalizer at once without a binding, or with only an earlier template\'s', () => {
      expect(decideTemplate({ ...live, template: deployment({ deleting: true }) })).to.deep.equal({ releaseFinalizer: true });
      expect(decideTemplate({ ...live, template: deployment({ deleting: true, uid: 'uid-2' }), binding: { ...own, deleting: true } })).to.deep.equal({ releaseFinalizer: true });
      expect(decideTemplate({ ...live, template: deployment({ deleting: true, finalizer: false }) })).to.deep.equal({ releaseFinalizer: false });
    });

    it('releases the claim of a template that is gone and deletes its live binding', () => {
      const decision = decideTemplate({ ...live, template: undefined, claim: claimOf(pp('nginx-propagation')), binding: own, now: '2026-01-02T00:00:00Z' });
      expect(decision.release).to.deep.equal({ claim: claimOf(pp('nginx-propagation')), reason: 'TemplateDeleted' });
      expect(decision.binding).to.deep.include({ deleting: true });
      expect(decision.binding!.binding.metadata.deletionTimestamp).to.equal('2026-01-02T00:00:00Z');
      expect(decideTemplate({ ...live, template: undefined, binding: decision.binding })).to.deep.equal({ releaseFinalizer: false });
    });
  });
});
