import { expect } from 'chai';
import type { Condition } from '../api/meta.js';
import type { AggregatedStatusItem, ManifestStatus, ResourceBinding, ResourceBindingSpec, Work } from '../api/work.js';
import { aggregateBindingStatus, aggregatedStatusItems, fullyAppliedCondition } from './binding-status.js';

const resource = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'nginx' };
const binding = (spec: Partial<ResourceBindingSpec> = {}): ResourceBinding => ({
  apiVersion: 'work.karmada.io/v1alpha2',
  kind: 'ResourceBinding',
  metadata: { name: 'nginx-deployment', namespace: 'default', labels: { 'resourcebinding.karmada.io/permanent-id': 'rb' } },
  spec: { resource, clusters: [{ name: 'member1' }, { name: 'member2' }], ...spec },
});
const appliedTrue: Condition = { type: 'Applied', status: 'True', reason: 'AppliedSuccessful', message: 'Manifest has been successfully applied', lastTransitionTime: 't' };
const appliedFalse: Condition = { type: 'Applied', status: 'False', reason: 'AppliedFailed', message: 'Failed to apply all manifests (0/1): boom', lastTransitionTime: 't' };
const manifestStatus: ManifestStatus = {
  identifier: { ordinal: 0, group: 'apps', version: 'v1', kind: 'Deployment', resource: '', namespace: 'default', name: 'nginx' },
  status: { replicas: 1 },
  health: 'Healthy',
};
const work = (cluster: string, conditions: Condition[] = [], statuses: ManifestStatus[] = [], extra: Partial<Work['metadata']> = {}): Work => ({
  apiVersion: 'work.karmada.io/v1alpha1',
  kind: 'Work',
  metadata: { name: 'nginx-687f7fb96f', namespace: `karmada-es-${cluster}`, labels: { 'resourcebinding.karmada.io/permanent-id': 'rb' }, ...extra },
  spec: { workload: { manifests: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx', namespace: 'default' } }] } },
  status: { conditions, manifestStatuses: statuses },
});

describe('aggregatedStatusItems', () => {
  it('one item per Work, sorted by cluster, with status and health when applied', () => {
    expect(aggregatedStatusItems(binding(), [work('member2', [appliedFalse]), work('member1', [appliedTrue], [manifestStatus])])).to.deep.equal([
      { clusterName: 'member1', status: { replicas: 1 }, applied: true, health: 'Healthy' },
      { clusterName: 'member2', appliedMessage: 'Failed to apply all manifests (0/1): boom', health: 'Unknown' },
    ]);
  });
  it('applied without a manifest status yet: health Unknown', () => {
    expect(aggregatedStatusItems(binding(), [work('member1', [appliedTrue])])).to.deep.equal([{ clusterName: 'member1', applied: true, health: 'Unknown' }]);
  });
  it('no Applied condition yet: not applied, no message', () => {
    expect(aggregatedStatusItems(binding(), [work('member1')])).to.deep.equal([{ clusterName: 'member1', health: 'Unknown' }]);
  });
  it('skips Works being deleted and Works of other bindings', () => {
    const other = { ...work('member2', [appliedTrue]), metadata: { ...work('member2').metadata, labels: { 'resourcebinding.karmada.io/permanent-id': 'x' } } };
    expect(aggregatedStatusItems(binding(), [work('member1', [appliedTrue], [], { deletionTimestamp: 't' }), other])).to.deep.equal([]);
  });
});

describe('fullyAppliedCondition', () => {
  const applied = (clusterName: string) => ({ clusterName, applied: true, health: 'Healthy' as const });
  const cases: { name: string; spec: Partial<ResourceBindingSpec>; items: AggregatedStatusItem[]; want: 'True' | 'False' }[] = [
    { name: 'every target applied', spec: {}, items: [applied('member1'), applied('member2')], want: 'True' },
    { name: 'not scheduled yet', spec: { clusters: [] }, items: [], want: 'False' },
    { name: 'a target without a Work', spec: {}, items: [applied('member1')], want: 'False' },
    { name: 'a target not applied', spec: {}, items: [applied('member1'), { clusterName: 'member2', health: 'Unknown' }], want: 'False' },
    { name: 'a Work on a cluster that is no target', spec: { clusters: [{ name: 'member1' }] }, items: [applied('member3')], want: 'False' },
    {
      name: 'requiredBy and graceful-eviction clusters count, Directly purged ones do not',
      spec: {
        clusters: [{ name: 'member1' }],
        requiredBy: [{ name: 'x', clusters: [{ name: 'member2' }] }],
        gracefulEvictionTasks: [
          { fromCluster: 'member3', purgeMode: 'Gracefully', reason: 'r', producer: 'p' },
          { fromCluster: 'member4', purgeMode: 'Directly', reason: 'r', producer: 'p' },
        ],
      },
      items: [applied('member1'), applied('member2'), applied('member3')],
      want: 'True',
    },
  ];
  for (const c of cases) it(c.name, () => expect(fullyAppliedCondition(binding(c.spec).spec, c.items).status).to.equal(c.want));

  it('uses Karmada reasons and messages', () => {
    expect(fullyAppliedCondition(binding().spec, [])).to.deep.equal({
      type: 'FullyApplied',
      status: 'False',
      reason: 'FullyAppliedFailed',
      message: 'Failed to apply all works, see status.aggregatedStatus for details',
    });
    expect(fullyAppliedCondition(binding({ clusters: [{ name: 'member1' }] }).spec, [applied('member1')])).to.deep.equal({
      type: 'FullyApplied',
      status: 'True',
      reason: 'FullyAppliedSuccess',
      message: 'All works have been successfully applied',
    });
  });
});

describe('aggregateBindingStatus', () => {
  it('keeps other status fields and the Scheduled condition, sets FullyApplied', () => {
    const scheduled: Condition = { type: 'Scheduled', status: 'True', reason: 'Success', message: 'Binding has been scheduled successfully.', lastTransitionTime: 't0' };
    const b: ResourceBinding = { ...binding({ clusters: [{ name: 'member1' }] }), status: { schedulerObservedGeneration: 2, conditions: [scheduled] } };
    const status = aggregateBindingStatus(b, [work('member1', [appliedTrue], [manifestStatus])], 't1');
    expect(status.schedulerObservedGeneration).to.equal(2);
    expect(status.aggregatedStatus).to.have.length(1);
    expect(status.conditions).to.deep.equal([
      scheduled,
      { type: 'FullyApplied', status: 'True', reason: 'FullyAppliedSuccess', message: 'All works have been successfully applied', lastTransitionTime: 't1' },
    ]);
  });
});
