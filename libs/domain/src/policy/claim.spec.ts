import { expect } from 'chai';
import type { KubeObject } from '../api/meta.js';
import type { ClusterPropagationPolicy, PropagationPolicy } from '../api/policy.js';
import { claimOf, readClaim, sameClaim, withClaim, withoutClaim, type PolicyClaim } from './claim.js';

const ppClaim: PolicyClaim = { kind: 'PropagationPolicy', namespace: 'default', name: 'pp', permanentId: 'id-pp' };
const cppClaim: PolicyClaim = { kind: 'ClusterPropagationPolicy', name: 'cpp', permanentId: 'id-cpp' };
const template: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' } } };

describe('claimOf', () => {
  it('takes the permanent id from the policy label', () => {
    const pp: PropagationPolicy = {
      apiVersion: 'policy.karmada.io/v1alpha1',
      kind: 'PropagationPolicy',
      metadata: { name: 'pp', namespace: 'default', labels: { 'propagationpolicy.karmada.io/permanent-id': 'id-pp' } },
      spec: { resourceSelectors: [] },
    };
    const cpp: ClusterPropagationPolicy = {
      apiVersion: 'policy.karmada.io/v1alpha1',
      kind: 'ClusterPropagationPolicy',
      metadata: { name: 'cpp', labels: { 'clusterpropagationpolicy.karmada.io/permanent-id': 'id-cpp' } },
      spec: { resourceSelectors: [] },
    };
    expect(claimOf(pp)).to.deep.equal(ppClaim);
    expect(claimOf(cpp)).to.deep.equal(cppClaim);
  });
});

describe('readClaim / withClaim / withoutClaim', () => {
  const cases: { name: string; object: KubeObject; want: PolicyClaim | undefined }[] = [
    { name: 'an unclaimed template', object: template, want: undefined },
    { name: 'a PP claim round-trips', object: withClaim(template, ppClaim), want: ppClaim },
    { name: 'a CPP claim round-trips', object: withClaim(template, cppClaim), want: cppClaim },
    { name: 'a PP claim replaces a CPP claim', object: withClaim(withClaim(template, cppClaim), ppClaim), want: ppClaim },
    { name: 'a CPP claim replaces a PP claim', object: withClaim(withClaim(template, ppClaim), cppClaim), want: cppClaim },
    {
      name: 'a PP claim without its id label does not count',
      object: { ...template, metadata: { ...template.metadata, annotations: { 'propagationpolicy.karmada.io/namespace': 'default', 'propagationpolicy.karmada.io/name': 'pp' } } },
      want: undefined,
    },
    { name: 'withoutClaim strips a matching claim', object: withoutClaim(withClaim(template, ppClaim), ppClaim), want: undefined },
    {
      name: 'withoutClaim keeps a claim with another permanent id',
      object: withoutClaim(withClaim(template, ppClaim), { ...ppClaim, permanentId: 'old' }),
      want: ppClaim,
    },
  ];
  for (const c of cases) it(c.name, () => expect(readClaim(c.object)).to.deep.equal(c.want));

  it('writes the exact Karmada keys and keeps other labels', () => {
    expect(withClaim(template, ppClaim).metadata).to.deep.equal({
      name: 'nginx',
      namespace: 'default',
      labels: { app: 'nginx', 'propagationpolicy.karmada.io/permanent-id': 'id-pp' },
      annotations: { 'propagationpolicy.karmada.io/namespace': 'default', 'propagationpolicy.karmada.io/name': 'pp' },
    });
    expect(withClaim(template, cppClaim).metadata.annotations).to.deep.equal({ 'clusterpropagationpolicy.karmada.io/name': 'cpp' });
  });

  it('leaves no empty maps behind and never edits its input', () => {
    const bare: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
    const claimed = withClaim(bare, cppClaim);
    expect(withoutClaim(claimed, cppClaim).metadata).to.deep.equal({ name: 'c' });
    expect(bare.metadata).to.deep.equal({ name: 'c' });
  });

  it('compares claims', () => {
    expect(sameClaim(ppClaim, { ...ppClaim })).to.equal(true);
    expect(sameClaim(ppClaim, { ...ppClaim, namespace: 'other' })).to.equal(false);
    expect(sameClaim(ppClaim, undefined)).to.equal(false);
    expect(sameClaim(undefined, undefined)).to.equal(true);
  });
});
