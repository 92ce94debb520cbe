import { expect } from 'chai';
import { defaultSchedulerPlugins } from './registry.js';

describe('defaultSchedulerPlugins', () => {
  it("registers Karmada's in-tree plugins, filters in a fixed order", () => {
    expect(defaultSchedulerPlugins.map((p) => p.name)).to.deep.equal([
      'ClusterAffinity',
      'TaintToleration',
      'APIEnablement',
      'SpreadConstraint',
      'ClusterEviction',
      'ClusterLocality',
    ]);
    expect(defaultSchedulerPlugins.filter((p) => p.score).map((p) => p.name)).to.deep.equal(['ClusterAffinity', 'ClusterLocality']);
  });
});
