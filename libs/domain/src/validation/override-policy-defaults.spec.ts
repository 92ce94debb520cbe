import { expect } from 'chai';
import type { KubeObject } from '@karmada-ts/kube';
import { defaultClusterOverridePolicy, defaultOverridePolicy } from './override-policy-defaults.js';

const deployment = { apiVersion: 'apps/v1', kind: 'Deployment' };

function policy(kind: 'OverridePolicy' | 'ClusterOverridePolicy', spec: unknown): KubeObject {
  return { apiVersion: 'policy.karmada.io/v1alpha1', kind, metadata: kind === 'OverridePolicy' ? { name: 'o', namespace: 'team-a' } : { name: 'o' }, spec };
}

const cases: { name: string; kind: 'OverridePolicy' | 'ClusterOverridePolicy'; spec: unknown; want: unknown }[] = [
  { name: 'OP: selector namespaces and the overriders struct', kind: 'OverridePolicy', spec: { resourceSelectors: [deployment, { ...deployment, namespace: 'x' }] }, want: { resourceSelectors: [{ ...deployment, namespace: 'team-a' }, { ...deployment, namespace: 'x' }], overriders: {} } },
  {
    name: 'OP: rules are not touched',
    kind: 'OverridePolicy',
    spec: { overrideRules: [{ overriders: { plaintext: [{ path: '/a', operator: 'remove' }] } }] },
    want: { overrideRules: [{ overriders: { plaintext: [{ path: '/a', operator: 'remove' }] } }], overriders: {} },
  },
  { name: 'OP: nulls are dropped', kind: 'OverridePolicy', spec: { resourceSelectors: null, overriders: { plaintext: [{ path: '/a', operator: 'remove', value: null }] } }, want: { overriders: { plaintext: [{ path: '/a', operator: 'remove' }] } } },
  { name: 'OP: no spec stays without one', kind: 'OverridePolicy', spec: undefined, want: undefined },
  { name: 'COP: no webhook, no overriders struct, namespaces kept empty', kind: 'ClusterOverridePolicy', spec: { resourceSelectors: [deployment] }, want: { resourceSelectors: [deployment] } },
  { name: 'COP: nulls are dropped', kind: 'ClusterOverridePolicy', spec: { targetCluster: null, overrideRules: [] }, want: { overrideRules: [] } },
];

describe('defaultOverridePolicy, defaultClusterOverridePolicy', () => {
  for (const c of cases)
    it(c.name, () => {
      const input = policy(c.kind, c.spec);
      const out = c.kind === 'OverridePolicy' ? defaultOverridePolicy(input) : defaultClusterOverridePolicy(input);
      expect(out['spec']).to.deep.equal(c.want);
      expect(out.metadata).to.deep.equal(input.metadata);
    });

  it('does not change its input', () => {
    const input = policy('OverridePolicy', { resourceSelectors: [{ ...deployment }] });
    defaultOverridePolicy(input);
    expect(input['spec']).to.deep.equal({ resourceSelectors: [deployment] });
  });
});
