import { expect } from 'chai';
import { memberPlan, MemberPlanError } from './member-plan.js';

describe('memberPlan', () => {
  const file = (text: string) => () => text;

  it('0 means no members', () => expect(memberPlan('0')).to.deep.equal([]));

  it('N gives member1…memberN over two providers and regions', () => {
    const plan = memberPlan('3');
    expect(plan.map((m) => m.cluster.name)).to.deep.equal(['member1', 'member2', 'member3']);
    expect(plan.map((m) => m.join.region)).to.deep.equal(['eu-west-1', 'europe-west4', 'eu-west-1']);
    expect(plan.map((m) => m.join.provider)).to.deep.equal(['aws', 'gcp', 'aws']);
  });

  it('reads a file, splitting the join settings from the member-sim config', () => {
    const plan = memberPlan('m.yaml', file('clusters:\n  - name: a\n    podReadySeconds: 0\n    join: { provider: p, region: r, zones: [z1, z2] }\n  - name: b\n'));
    expect(plan).to.deep.equal([
      { cluster: { name: 'a', podReadySeconds: 0 }, join: { provider: 'p', region: 'r', zones: ['z1', 'z2'] } },
      { cluster: { name: 'b' }, join: {} },
    ]);
  });

  it('the repository default describes member1-3 over two regions and providers', () => {
    const plan = memberPlan(new URL('../../../config/members.yaml', import.meta.url).pathname);
    expect(plan.map((m) => m.cluster.name)).to.deep.equal(['member1', 'member2', 'member3']);
    expect(new Set(plan.map((m) => m.join.region)).size).to.equal(2);
    expect(new Set(plan.map((m) => m.join.provider)).size).to.equal(2);
  });

  const bad = [
    { name: 'too many', option: '1001', text: '', error: /at most 1000/ },
    { name: 'no clusters list', option: 'f', text: 'members: []', error: /expected a "clusters:" list/ },
    { name: 'a nameless cluster', option: 'f', text: 'clusters: [{ nodes: [] }]', error: /needs a name/ },
    { name: 'an unknown join field', option: 'f', text: 'clusters: [{ name: a, join: { zone: x } }]', error: /unknown field\(s\) zone/ },
    { name: 'zones that are not a list', option: 'f', text: 'clusters: [{ name: a, join: { zones: x } }]', error: /zones must be a list/ },
    { name: 'broken YAML', option: 'f', text: 'clusters: [', error: /--members f:/ },
  ];
  for (const c of bad) it(`rejects ${c.name}`, () => expect(() => memberPlan(c.option, file(c.text))).to.throw(MemberPlanError, c.error));
});
