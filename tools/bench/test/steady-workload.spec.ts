import { expect } from 'chai';
import { groupPolicies, memberGroups, replicasPerMemberAtMost, steadyTemplate } from '../src/steady/steady-workload.js';

describe('steady workload', () => {
  const groupCases = [
    { clusters: 1, sizes: [1] },
    { clusters: 2, sizes: [2] },
    { clusters: 3, sizes: [3] },
    { clusters: 5, sizes: [5] },
    { clusters: 6, sizes: [3, 3] },
    { clusters: 100, sizes: [4, ...Array.from({ length: 32 }, () => 3)] },
  ];
  for (const c of groupCases) {
    it(`puts ${c.clusters} members in groups of ${[...new Set(c.sizes)].join(' or ')}, each member once`, () => {
      const groups = memberGroups(c.clusters);
      expect(groups.map((g) => g.length)).to.deep.equal(c.sizes);
      expect(new Set(groups.flat()).size).to.equal(c.clusters);
    });
  }

  it('spreads member j over the groups round-robin', () => {
    expect(memberGroups(6)).to.deep.equal([
      ['member1', 'member3', 'member5'],
      ['member2', 'member4', 'member6'],
    ]);
  });

  const templateCases = [
    { i: 0, clusters: 6, group: 'g0', replicas: 1, works: 1 },
    { i: 1, clusters: 6, group: 'g1', replicas: 2, works: 2 },
    { i: 2, clusters: 6, group: 'g0', replicas: 3, works: 3 },
    { i: 3, clusters: 6, group: 'g1', replicas: 3, works: 3 },
    { i: 4, clusters: 6, group: 'g0', replicas: 1, works: 1 },
    // Fewer members than replicas: one Work per member.
    { i: 2, clusters: 2, group: 'g0', replicas: 3, works: 2 },
  ];
  for (const c of templateCases) {
    it(`template ${c.i} over ${c.clusters} members: group ${c.group}, ${c.replicas} replicas, ${c.works} Works`, () => {
      const { template, works } = steadyTemplate(c.i, memberGroups(c.clusters));
      expect(template.metadata.name).to.equal(`bench-${c.i}`);
      expect(template.metadata.labels).to.include({ 'bench.karmada-ts.io/group': c.group, 'app.kubernetes.io/part-of': 'bench-propagate' });
      expect((template['spec'] as { replicas: number }).replicas).to.equal(c.replicas);
      expect(works).to.equal(c.works);
    });
  }

  it("gives each group a policy that selects the group's templates and places them on its members only", () => {
    const groups = memberGroups(6);
    const policies = groupPolicies(groups);
    expect(policies.map((p) => p.metadata.name)).to.deep.equal(['bench-steady-g0', 'bench-steady-g1']);
    policies.forEach((policy, g) => {
      const spec = policy['spec'] as {
        resourceSelectors: { labelSelector: { matchLabels: Record<string, string> } }[];
        placement: { clusterAffinity: { clusterNames: string[] }; replicaScheduling: { replicaSchedulingType: string } };
      };
      expect(spec.resourceSelectors[0]!.labelSelector.matchLabels).to.include({ 'bench.karmada-ts.io/group': `g${g}` });
      expect(spec.placement.clusterAffinity.clusterNames).to.deep.equal(groups[g]);
      expect(spec.placement.replicaScheduling.replicaSchedulingType).to.equal('Divided');
    });
  });

  it('bounds the replicas one member gets by its group share of the templates, at the most replicas each', () => {
    expect(replicasPerMemberAtMost(100, 2)).to.equal(150);
    expect(replicasPerMemberAtMost(101, 2)).to.equal(153);
  });
});
