import { expect } from 'chai';
import type { Cluster } from '../api/cluster.js';
import type { Placement } from '../api/policy.js';
import type { ResourceBinding, ResourceBindingSpec, ResourceBindingStatus } from '../api/work.js';
import { buildClusterSnapshot } from './cluster-snapshot.js';
import { bindingSpec, cluster } from './fixtures.spec.js';
import { needsScheduling, placementChanged, type SchedulingNeed } from './needs-scheduling.js';

const divided: Placement = { replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' } };
const duplicated: Placement = { replicaScheduling: { replicaSchedulingType: 'Duplicated' } };

function binding(spec: Partial<ResourceBindingSpec>, options: { applied?: Placement | string; status?: ResourceBindingStatus; deleting?: boolean } = {}): ResourceBinding {
  const fullSpec = bindingSpec({ placement: divided, replicas: 4, clusters: [{ name: 'm1', replicas: 4 }], ...spec });
  const applied = options.applied ?? fullSpec.placement;
  return {
    apiVersion: 'work.karmada.io/v1alpha2',
    kind: 'ResourceBinding',
    metadata: {
      name: 'web-deployment',
      namespace: 'default',
      annotations: applied === undefined ? {} : { 'policy.karmada.io/applied-placement': typeof applied === 'string' ? applied : JSON.stringify(applied) },
      ...(options.deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}),
    },
    spec: fullSpec,
    ...(options.status ? { status: options.status } : {}),
  };
}

describe('needsScheduling', () => {
  const clusters: Cluster[] = [cluster('m1'), cluster('m2')];
  const cases: { name: string; binding: ResourceBinding; clusters?: Cluster[]; want: SchedulingNeed }[] = [
    { name: 'nothing changed (Divided workload)', binding: binding({}), want: { needed: false, reason: 'UpToDate' } },
    { name: 'never scheduled: no applied placement', binding: binding({}, { applied: '' }), want: { needed: true, trigger: 'PlacementChanged' } },
    { name: 'tolerations changed', binding: binding({ placement: { ...divided, clusterTolerations: [{ operator: 'Exists' }] } }, { applied: divided }), want: { needed: true, trigger: 'PlacementChanged' } },
    { name: 'an unreadable annotation counts as unchanged', binding: binding({}, { applied: '{not json' }), want: { needed: false, reason: 'UpToDate' } },
    { name: 'scaled: the sum differs from replicas', binding: binding({ replicas: 6 }), want: { needed: true, trigger: 'ReplicasChanged' } },
    { name: 'evicted: a cluster left the result', binding: binding({ clusters: [] }), want: { needed: true, trigger: 'ReplicasChanged' } },
    {
      name: 'Duplicated: a cluster with other replicas',
      binding: binding({ placement: duplicated, clusters: [{ name: 'm1', replicas: 3 }] }),
      want: { needed: true, trigger: 'ReplicasChanged' },
    },
    {
      name: 'manual reschedule after the last schedule',
      binding: binding({ rescheduleTriggeredAt: '2025-01-02T00:00:00Z' }, { status: { lastScheduledTime: '2025-01-01T00:00:00Z' } }),
      want: { needed: true, trigger: 'RescheduleTriggered' },
    },
    {
      name: 'manual reschedule older than the last schedule',
      binding: binding({ rescheduleTriggeredAt: '2024-01-02T00:00:00Z' }, { status: { lastScheduledTime: '2025-01-01T00:00:00Z' } }),
      want: { needed: false, reason: 'UpToDate' },
    },
    { name: 'Duplicated bindings always', binding: binding({ placement: duplicated }), want: { needed: true, trigger: 'AlwaysRescheduled' } },
    {
      name: 'non-workloads always, even when Divided',
      binding: binding({ resource: { apiVersion: 'v1', kind: 'ConfigMap', name: 'c' }, replicas: 0, clusters: [{ name: 'm1' }] }),
      want: { needed: true, trigger: 'AlwaysRescheduled' },
    },
    { name: 'a target cluster is being deleted', binding: binding({}), clusters: [cluster('m1', { deleting: true }), cluster('m2')], want: { needed: true, trigger: 'TargetClusterDeleting' } },
    { name: 'another cluster being deleted does not matter', binding: binding({}), clusters: [cluster('m1'), cluster('m2', { deleting: true })], want: { needed: false, reason: 'UpToDate' } },
    { name: 'the binding is being deleted', binding: binding({ replicas: 9 }, { deleting: true }), want: { needed: false, reason: 'BindingDeleting' } },
    { name: 'scheduling suspended', binding: binding({ replicas: 9, suspension: { scheduling: true } }), want: { needed: false, reason: 'SchedulingSuspended' } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(needsScheduling(c.binding, c.clusters ?? clusters)).to.deep.equal(c.want);
      expect(needsScheduling(c.binding, buildClusterSnapshot(c.clusters ?? clusters))).to.deep.equal(c.want);
    });
  }

  it('takes the applied placement as an argument too', () => {
    const fresh = binding({}, { applied: '' });
    expect(needsScheduling(fresh, clusters, JSON.stringify(divided))).to.deep.equal({ needed: false, reason: 'UpToDate' });
  });
});

describe('placementChanged', () => {
  const terms = (backup: string[]): Placement => ({
    clusterAffinities: [
      { affinityName: 'primary', clusterNames: ['m1'] },
      { affinityName: 'backup', clusterNames: backup },
    ],
  });
  const cases: { name: string; placement: Placement; applied: Placement; observed?: string; want: boolean }[] = [
    { name: 'identical', placement: divided, applied: divided, want: false },
    { name: 'absent and empty lists are the same', placement: { ...divided, clusterTolerations: [] }, applied: divided, want: false },
    { name: 'affinity changed', placement: { clusterAffinity: { clusterNames: ['m2'] } }, applied: { clusterAffinity: { clusterNames: ['m1'] } }, want: true },
    { name: 'spread constraints changed', placement: { spreadConstraints: [{ spreadByField: 'cluster', maxGroups: 2 }] }, applied: {}, want: true },
    { name: 'another term changed than the observed one', placement: terms(['m3']), applied: terms(['m2']), observed: 'primary', want: false },
    { name: 'the observed term changed', placement: terms(['m3']), applied: terms(['m2']), observed: 'backup', want: true },
    { name: 'terms changed and none observed yet', placement: terms(['m3']), applied: terms(['m2']), want: true },
    { name: 'the observed term was deleted', placement: { clusterAffinities: terms(['m2']).clusterAffinities!.slice(0, 1) }, applied: terms(['m2']), observed: 'backup', want: true },
    { name: 'all terms were deleted', placement: {}, applied: terms(['m2']), observed: 'backup', want: true },
    {
      name: 'a term was added, the observed one untouched',
      placement: { clusterAffinities: [...terms(['m2']).clusterAffinities!, { affinityName: 'extra', clusterNames: ['m9'] }] },
      applied: terms(['m2']),
      observed: 'backup',
      want: false,
    },
  ];
  for (const c of cases) {
    it(c.name, () => expect(placementChanged(c.placement, JSON.stringify(c.applied), c.observed)).to.equal(c.want));
  }
});
