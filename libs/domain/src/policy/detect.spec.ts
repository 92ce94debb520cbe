import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import type { ClusterOverridePolicy, ClusterPropagationPolicy, OverridePolicy, PropagationPolicy, ResourceSelector } from '../api/policy.js';
import { claimOf, readClaim, withClaim, type PolicyClaim } from './claim.js';
import { detect, type Decision, type DetectInput, type DetectOptions } from './detect.js';

const all: ResourceSelector = { apiVersion: 'apps/v1', kind: 'Deployment' };
const byName: ResourceSelector = { ...all, name: 'nginx' };
const template: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } } };

interface Extra {
  priority?: number;
  preemption?: 'Always';
  deleting?: boolean;
  dependentOverrides?: string[];
  id?: string;
  selectors?: ResourceSelector[];
}

function pp(name: string, extra: Extra = {}): PropagationPolicy {
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: {
      name,
      namespace: 'default',
      labels: { 'propagationpolicy.karmada.io/permanent-id': extra.id ?? `id-${name}` },
      ...(extra.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    },
    spec: {
      resourceSelectors: extra.selectors ?? [all],
      ...(extra.priority === undefined ? {} : { priority: extra.priority }),
      ...(extra.preemption ? { preemption: extra.preemption } : {}),
      ...(extra.dependentOverrides ? { dependentOverrides: extra.dependentOverrides } : {}),
    },
  };
}

function cpp(name: string, extra: Extra = {}): ClusterPropagationPolicy {
  const base = pp(name, extra);
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'ClusterPropagationPolicy',
    metadata: { name, labels: { 'clusterpropagationpolicy.karmada.io/permanent-id': extra.id ?? `id-${name}` } },
    spec: base.spec,
  };
}

const op = (name: string, namespace = 'default'): OverridePolicy => ({
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'OverridePolicy',
  metadata: { name, namespace },
  spec: {},
});
const cop = (name: string): ClusterOverridePolicy => ({ apiVersion: 'policy.karmada.io/v1alpha1', kind: 'ClusterOverridePolicy', metadata: { name }, spec: {} });

const claimBy = (policy: PropagationPolicy | ClusterPropagationPolicy): PolicyClaim => claimOf(policy);
const claimed = (policy: PropagationPolicy | ClusterPropagationPolicy): KubeObject => withClaim(template, claimOf(policy));

/** A decision reduced to what the tests compare: type, reason and the policy's name. */
function summary(decision: Decision): string {
  switch (decision.type) {
    case 'Ignore':
      return `Ignore:${decision.reason}`;
    case 'Claim':
      return `Claim:${decision.reason}:${decision.policy.kind}/${decision.policy.metadata.name}${decision.replaces ? ` replaces ${decision.replaces.name}` : ''}`;
    case 'Keep':
      return `Keep:${decision.policy.kind}/${decision.policy.metadata.name}`;
    case 'Release':
      return `Release:${decision.reason}:${decision.claim.name}`;
    case 'WaitForDependentOverrides':
      return `Wait:${decision.policy.metadata.name}:${decision.missing.join(',')}`;
    case 'NoMatch':
      return 'NoMatch';
    default:
      return assertNever(decision);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected ${JSON.stringify(value)}`);
}

const none: DetectInput = { propagationPolicies: [], clusterPropagationPolicies: [] };
const preemption: DetectOptions = { policyPreemption: true };

const cases: { name: string; template?: KubeObject; input: DetectInput; claim?: PolicyClaim; options?: DetectOptions; want: string }[] = [
  { name: 'no policy: NoMatch', input: none, want: 'NoMatch' },
  { name: 'a matching PP claims', input: { ...none, propagationPolicies: [pp('a')] }, want: 'Claim:NewMatch:PropagationPolicy/a' },
  { name: 'a matching CPP claims when no PP matches', input: { ...none, clusterPropagationPolicies: [cpp('c')] }, want: 'Claim:NewMatch:ClusterPropagationPolicy/c' },
  {
    name: 'a matching PP always beats a higher-priority CPP',
    input: { propagationPolicies: [pp('a')], clusterPropagationPolicies: [cpp('c', { priority: 100, selectors: [byName] })] },
    want: 'Claim:NewMatch:PropagationPolicy/a',
  },
  { name: 'the best PP by priority', input: { ...none, propagationPolicies: [pp('a'), pp('b', { priority: 2 })] }, want: 'Claim:NewMatch:PropagationPolicy/b' },
  {
    name: 'dependentOverrides missing: wait',
    input: { ...none, propagationPolicies: [pp('a', { dependentOverrides: ['op1', 'op2'] })], overridePolicies: [op('op1'), op('op2', 'other')] },
    want: 'Wait:a:op2',
  },
  {
    name: 'dependentOverrides present: claim',
    input: { ...none, propagationPolicies: [pp('a', { dependentOverrides: ['op1'] })], overridePolicies: [op('op1')] },
    want: 'Claim:NewMatch:PropagationPolicy/a',
  },
  {
    name: 'a CPP waits for ClusterOverridePolicies, not OverridePolicies',
    input: { ...none, clusterPropagationPolicies: [cpp('c', { dependentOverrides: ['x'] })], overridePolicies: [op('x')], clusterOverridePolicies: [cop('y')] },
    want: 'Wait:c:x',
  },
  {
    name: 'claimed-by label: ignored',
    template: { ...template, metadata: { ...template.metadata, labels: { 'resourcetemplate.karmada.io/claimed-by': 'mcs' } } },
    input: { ...none, propagationPolicies: [pp('a')] },
    want: 'Ignore:ClaimedByOther',
  },
  {
    name: 'a template in a reserved namespace: ignored',
    template: { ...template, metadata: { ...template.metadata, namespace: 'karmada-system' } },
    input: { ...none, clusterPropagationPolicies: [cpp('c')] },
    want: 'Ignore:OutOfScope',
  },
  { name: 'claimed and unchanged: keep', template: claimed(pp('a')), claim: claimBy(pp('a')), input: { ...none, propagationPolicies: [pp('a')] }, want: 'Keep:PropagationPolicy/a' },
  {
    name: 'stickiness: a better PP does not take a claimed template',
    template: claimed(pp('a')),
    claim: claimBy(pp('a')),
    input: { ...none, propagationPolicies: [pp('a'), pp('b', { priority: 10, selectors: [byName] })] },
    want: 'Keep:PropagationPolicy/a',
  },
  {
    name: 'stickiness: a PP does not take a CPP-claimed template without preemption',
    template: claimed(cpp('c')),
    claim: claimBy(cpp('c')),
    input: { propagationPolicies: [pp('a', { priority: 10 })], clusterPropagationPolicies: [cpp('c')] },
    want: 'Keep:ClusterPropagationPolicy/c',
  },
  {
    name: 'preemption gate off: Always does nothing',
    template: claimed(pp('a')),
    claim: claimBy(pp('a')),
    input: { ...none, propagationPolicies: [pp('a'), pp('b', { priority: 10, preemption: 'Always' })] },
    want: 'Keep:PropagationPolicy/a',
  },
  {
    name: 'preemption: a higher PP with Always takes it',
    template: claimed(pp('a')),
    claim: claimBy(pp('a')),
    options: preemption,
    input: { ...none, propagationPolicies: [pp('a', { priority: 1 }), pp('b', { priority: 2, preemption: 'Always' })] },
    want: 'Claim:Preemption:PropagationPolicy/b replaces a',
  },
  {
    name: 'preemption: an equal PP with Always does not',
    template: claimed(pp('a')),
    claim: claimBy(pp('a')),
    options: preemption,
    input: { ...none, propagationPolicies: [pp('a', { priority: 2 }), pp('b', { priority: 2, preemption: 'Always' })] },
    want: 'Keep:PropagationPolicy/a',
  },
  {
    name: 'preemption: a PP with Always takes from any CPP',
    template: claimed(cpp('c')),
    claim: claimBy(cpp('c')),
    options: preemption,
    input: { propagationPolicies: [pp('a', { preemption: 'Always' })], clusterPropagationPolicies: [cpp('c', { priority: 100 })] },
    want: 'Claim:Preemption:PropagationPolicy/a replaces c',
  },
  {
    name: 'preemption: a CPP never takes from a PP',
    template: claimed(pp('a')),
    claim: claimBy(pp('a')),
    options: preemption,
    input: { propagationPolicies: [pp('a')], clusterPropagationPolicies: [cpp('c', { priority: 100, preemption: 'Always' })] },
    want: 'Keep:PropagationPolicy/a',
  },
  {
    name: 'preemption: a higher CPP with Always takes from a CPP',
    template: claimed(cpp('c')),
    claim: claimBy(cpp('c')),
    options: preemption,
    input: { ...none, clusterPropagationPolicies: [cpp('c'), cpp('d', { priority: 1, preemption: 'Always' })] },
    want: 'Claim:Preemption:ClusterPropagationPolicy/d replaces c',
  },
  {
    name: 'preemption: a preemptor that does not match the template does nothing',
    template: claimed(pp('a')),
    claim: claimBy(pp('a')),
    options: preemption,
    input: { ...none, propagationPolicies: [pp('a'), pp('b', { priority: 5, preemption: 'Always', selectors: [{ ...all, name: 'redis' }] })] },
    want: 'Keep:PropagationPolicy/a',
  },
  {
    name: 'preemption waits for the preemptor dependentOverrides',
    template: claimed(pp('a')),
    claim: claimBy(pp('a')),
    options: preemption,
    input: { ...none, propagationPolicies: [pp('a'), pp('b', { priority: 5, preemption: 'Always', dependentOverrides: ['o'] })] },
    want: 'Wait:b:o',
  },
  { name: 'claimed policy gone: release', template: claimed(pp('a')), claim: claimBy(pp('a')), input: { ...none, propagationPolicies: [pp('b')] }, want: 'Release:PolicyDeleted:a' },
  {
    name: 'claimed policy being deleted: release',
    template: claimed(pp('a')),
    claim: claimBy(pp('a')),
    input: { ...none, propagationPolicies: [pp('a', { deleting: true })] },
    want: 'Release:PolicyDeleting:a',
  },
  {
    name: 'claimed policy no longer matches: release',
    template: claimed(pp('a')),
    claim: claimBy(pp('a')),
    input: { ...none, propagationPolicies: [pp('a', { selectors: [{ ...all, name: 'redis' }] })] },
    want: 'Release:NoLongerMatches:a',
  },
  {
    name: 'a policy re-created under the same name re-claims with its new id',
    template: claimed(pp('a')),
    claim: claimBy(pp('a')),
    input: { ...none, propagationPolicies: [pp('a', { id: 'new-id' })] },
    want: 'Claim:ClaimRefresh:PropagationPolicy/a replaces a',
  },
  {
    name: 'a leftover CPP claim on a PP-claimed template is cleaned by re-claiming',
    template: { ...claimed(pp('a')), metadata: { ...claimed(pp('a')).metadata, labels: { ...claimed(pp('a')).metadata.labels, 'clusterpropagationpolicy.karmada.io/permanent-id': 'x' } } },
    claim: claimBy(pp('a')),
    input: { ...none, propagationPolicies: [pp('a')] },
    want: 'Claim:ClaimRefresh:PropagationPolicy/a replaces a',
  },
  {
    name: 'claimed and dependentOverrides since removed: wait',
    template: claimed(pp('a', { dependentOverrides: ['o'] })),
    claim: claimBy(pp('a')),
    input: { ...none, propagationPolicies: [pp('a', { dependentOverrides: ['o'] })] },
    want: 'Wait:a:o',
  },
];

describe('detect', () => {
  for (const c of cases) {
    it(c.name, () => expect(summary(detect(c.template ?? template, c.input, c.claim, c.options))).to.equal(c.want));
  }

  it('the claim it returns, written with withClaim, reads back as the same claim', () => {
    const decision = detect(template, { ...none, propagationPolicies: [pp('a')] }, undefined);
    if (decision.type !== 'Claim') throw new Error(`expected a claim, got ${decision.type}`);
    expect(readClaim(withClaim(template, decision.claim))).to.deep.equal(decision.claim);
  });
});
