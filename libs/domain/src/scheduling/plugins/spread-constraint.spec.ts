import { expect } from 'chai';
import type { SpreadConstraint } from '../../api/policy.js';
import { bindingSpec, cluster, contextFor, viewOf, type ClusterOptions } from '../fixtures.spec.js';
import { spreadConstraintPlugin } from './spread-constraint.js';

describe('SpreadConstraint plugin', () => {
  const cases: { name: string; constraints: SpreadConstraint[]; cluster: ClusterOptions; want?: string }[] = [
    { name: 'no constraints', constraints: [], cluster: {} },
    { name: 'by cluster needs nothing', constraints: [{ spreadByField: 'cluster', maxGroups: 2 }], cluster: {} },
    { name: 'by provider without provider', constraints: [{ spreadByField: 'provider' }], cluster: {}, want: 'cluster(s) did not have provider property' },
    { name: 'by region without region', constraints: [{ spreadByField: 'region' }], cluster: { provider: 'aws' }, want: 'cluster(s) did not have region property' },
    { name: 'by zone without zones', constraints: [{ spreadByField: 'zone' }], cluster: { region: 'r' }, want: 'cluster(s) did not have zones property' },
    { name: 'by region with region', constraints: [{ spreadByField: 'region' }, { spreadByField: 'cluster' }], cluster: { region: 'r' } },
    { name: 'by label is not checked', constraints: [{ spreadByLabel: 'team' }], cluster: {} },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = spreadConstraintPlugin.filter(contextFor(bindingSpec({ placement: { spreadConstraints: c.constraints } })), viewOf(cluster('m', c.cluster)));
      expect(result.reasons).to.deep.equal(c.want ? [c.want] : []);
    });
  }
});
