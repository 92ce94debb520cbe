import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import type { ClusterPropagationPolicy, PropagationPolicy, ResourceSelector } from '../api/policy.js';
import { bestPolicy, canPolicyClaim } from './best-policy.js';

const template: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } } };
const all: ResourceSelector = { apiVersion: 'apps/v1', kind: 'Deployment' };
const byLabel: ResourceSelector = { ...all, labelSelector: { matchLabels: { app: 'nginx' } } };
const byName: ResourceSelector = { ...all, name: 'nginx' };

function pp(name: string, selectors: ResourceSelector[], extra: { priority?: number; namespace?: string; deleting?: boolean } = {}): PropagationPolicy {
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name, namespace: extra.namespace ?? 'default', ...(extra.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: { resourceSelectors: selectors, ...(extra.priority === undefined ? {} : { priority: extra.priority }) },
  };
}

function cpp(name: string, selectors: ResourceSelector[]): ClusterPropagationPolicy {
  return { apiVersion: 'policy.karmada.io/v1alpha1', kind: 'ClusterPropagationPolicy', metadata: { name }, spec: { resourceSelectors: selectors } };
}

const cases: { name: string; policies: PropagationPolicy[]; want: string | undefined }[] = [
  { name: 'no policies', policies: [], want: undefined },
  { name: 'no matching policy', policies: [pp('a', [{ ...all, name: 'redis' }])], want: undefined },
  { name: 'explicit priority wins over implicit priority', policies: [pp('by-name', [byName]), pp('all', [all], { priority: 1 })], want: 'all' },
  { name: 'implicit priority: name beats label', policies: [pp('a', [byLabel]), pp('b', [byName])], want: 'b' },
  { name: 'implicit priority: label beats match-all', policies: [pp('a', [all]), pp('b', [byLabel])], want: 'b' },
  { name: 'a full tie goes to the smaller name', policies: [pp('zeta', [all]), pp('alpha', [all]), pp('mid', [all])], want: 'alpha' },
  { name: 'a policy being deleted is skipped', policies: [pp('a', [byName], { deleting: true }), pp('b', [all])], want: 'b' },
  { name: 'a policy of another namespace never matches', policies: [pp('a', [all], { namespace: 'other' })], want: undefined },
  { name: 'the best selector of a policy counts', policies: [pp('a', [all, byName]), pp('b', [byLabel])], want: 'a' },
  { name: 'a negative priority loses to the default 0', policies: [pp('a', [byName], { priority: -1 }), pp('b', [all])], want: 'b' },
];

describe('bestPolicy', () => {
  for (const c of cases) it(c.name, () => expect(bestPolicy(template, c.policies)?.metadata.name).to.equal(c.want));

  it('works for cluster policies, which never claim templates in reserved namespaces', () => {
    const policies = [cpp('b', [all]), cpp('a', [all])];
    expect(bestPolicy(template, policies)?.metadata.name).to.equal('a');
    const reserved = { ...template, metadata: { ...template.metadata, namespace: 'karmada-es-member1' } };
    expect(bestPolicy(reserved, policies)).to.equal(undefined);
    expect(canPolicyClaim(cpp('x', [all]), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } })).to.equal(true);
  });

  it('a PropagationPolicy never claims a cluster-scoped resource', () => {
    expect(canPolicyClaim(pp('a', [all]), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } })).to.equal(false);
  });
});
