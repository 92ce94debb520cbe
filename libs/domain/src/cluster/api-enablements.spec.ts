import { expect } from 'chai';
import { apiEnablementStatus } from './api-enablements.js';

describe('apiEnablementStatus', () => {
  const cases = [
    {
      name: 'every group version answered: Complete, sorted, subresources left out',
      discovered: [
        { groupVersion: 'v1', resources: [{ name: 'pods', kind: 'Pod' }, { name: 'configmaps', kind: 'ConfigMap' }, { name: 'pods/status', kind: 'Pod' }] },
        { groupVersion: 'apps/v1', resources: [{ name: 'deployments', kind: 'Deployment' }] },
      ],
      wantReason: 'Complete',
      wantStatus: 'True',
      wantGroupVersions: ['apps/v1', 'v1'],
    },
    {
      name: 'a failing group version makes it Partial',
      discovered: [{ groupVersion: 'v1', resources: [{ name: 'pods', kind: 'Pod' }] }, { groupVersion: 'metrics.k8s.io/v1beta1', error: '503' }],
      wantReason: 'Partial',
      wantMessage: 'might collect partial APIEnablements(1) from the cluster',
      wantStatus: 'False',
      wantGroupVersions: ['v1'],
    },
    { name: 'nothing answered: Empty', discovered: [{ groupVersion: 'v1', error: 'timeout' }], wantReason: 'Empty', wantStatus: 'False', wantGroupVersions: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = apiEnablementStatus(c.discovered);
      expect(result.condition.reason).to.equal(c.wantReason);
      expect(result.condition.status).to.equal(c.wantStatus);
      if ('wantMessage' in c) expect(result.condition.message).to.equal(c.wantMessage);
      expect(result.apiEnablements.map((e) => e.groupVersion)).to.deep.equal(c.wantGroupVersions);
    });
  }

  it('keeps resources sorted by name', () => {
    const [core] = apiEnablementStatus(cases[0]!.discovered).apiEnablements.slice(1);
    expect(core!.resources!.map((r) => r.name)).to.deep.equal(['configmaps', 'pods']);
  });
});
