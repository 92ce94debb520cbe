import { expect } from 'chai';
import { apiEnablementOf, buildClusterSnapshot, isClusterSnapshot, servedKindKey, type ApiEnablementVerdict } from './cluster-snapshot.js';
import { cluster, viewOf, type ClusterOptions } from './fixtures.spec.js';

describe('apiEnablementOf', () => {
  const cases: { name: string; cluster: ClusterOptions; apiVersion: string; kind: string; want: ApiEnablementVerdict }[] = [
    { name: 'listed: enabled', cluster: {}, apiVersion: 'apps/v1', kind: 'Deployment', want: 'APIEnabled' },
    { name: 'core group', cluster: {}, apiVersion: 'v1', kind: 'ConfigMap', want: 'APIEnabled' },
    { name: 'unlisted with a complete list: disabled', cluster: {}, apiVersion: 'apps/v1', kind: 'StatefulSet', want: 'APIDisabled' },
    { name: 'unlisted with a partial list: unknown', cluster: { completeApis: false }, apiVersion: 'example.io/v1', kind: 'Widget', want: 'APIUnknown' },
    { name: 'the kind must be served in that group version', cluster: {}, apiVersion: 'apps/v1beta1', kind: 'Deployment', want: 'APIDisabled' },
  ];
  for (const c of cases) {
    it(c.name, () => expect(apiEnablementOf(viewOf(cluster('m', c.cluster)), servedKindKey(c.apiVersion, c.kind))).to.equal(c.want));
  }
});

describe('buildClusterSnapshot', () => {
  it('sorts clusters by name whatever order they came in', () => {
    const snapshot = buildClusterSnapshot([cluster('member3'), cluster('member1'), cluster('member2')]);
    expect(snapshot.clusters.map((c) => [c.name, c.index])).to.deep.equal([
      ['member1', 0],
      ['member2', 1],
      ['member3', 2],
    ]);
    expect(isClusterSnapshot(snapshot)).to.equal(true);
    expect(isClusterSnapshot([cluster('member1')])).to.equal(false);
  });

  it('keeps only the taints the scheduler cares about and flags deletion', () => {
    const [view] = buildClusterSnapshot([
      cluster('m', {
        deleting: true,
        taints: [
          { key: 'a', effect: 'NoSchedule' },
          { key: 'b', effect: 'PreferNoSchedule' },
          { key: 'c', effect: 'NoExecute' },
        ],
      }),
    ]).clusters;
    expect(view!.schedulingTaints.map((t) => t.key)).to.deep.equal(['a', 'c']);
    expect(view!.deleting).to.equal(true);
  });

  it('works out free capacity once: cpu in millicores, unparsable quantities as zero', () => {
    const view = viewOf(cluster('m', { pods: 20, allocatable: { cpu: '2500m', memory: 'garbage' }, allocated: { pods: '5', cpu: '1' } }));
    expect(view.capacity!.allowedPods).to.equal(15);
    expect(view.capacity!.available.get('cpu')).to.equal(1500);
    expect(view.capacity!.available.get('memory')).to.equal(0);
  });
});
