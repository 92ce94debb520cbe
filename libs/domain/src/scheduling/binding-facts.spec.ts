import { expect } from 'chai';
import type { Placement } from '../api/policy.js';
import type { ResourceBindingSpec, ResourceBindingStatus } from '../api/work.js';
import { isWorkloadBinding, replicaStrategyOf, rescheduleRequired, withPlacementDefaults, type ReplicaStrategy } from './binding-facts.js';
import { bindingSpec } from './fixtures.spec.js';

describe('replicaStrategyOf', () => {
  const cases: { name: string; placement: Placement | undefined; want: ReplicaStrategy | undefined }[] = [
    { name: 'no placement: Duplicated', placement: undefined, want: 'Duplicated' },
    { name: 'no replicaScheduling: Duplicated', placement: {}, want: 'Duplicated' },
    { name: 'Duplicated', placement: { replicaScheduling: { replicaSchedulingType: 'Duplicated' } }, want: 'Duplicated' },
    { name: 'Divided Aggregated', placement: { replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' } }, want: 'Aggregated' },
    { name: 'Divided Weighted without preference: static', placement: { replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted' } }, want: 'StaticWeight' },
    {
      name: 'dynamic weight wins over a static list',
      placement: {
        replicaScheduling: {
          replicaSchedulingType: 'Divided',
          replicaDivisionPreference: 'Weighted',
          weightPreference: { dynamicWeight: 'AvailableReplicas', staticWeightList: [{ targetCluster: {}, weight: 1 }] },
        },
      },
      want: 'DynamicWeight',
    },
    { name: 'Divided without preference: unsupported', placement: { replicaScheduling: { replicaSchedulingType: 'Divided' } }, want: undefined },
  ];
  for (const c of cases) {
    it(c.name, () => expect(replicaStrategyOf(c.placement)).to.equal(c.want));
  }
});

describe('withPlacementDefaults', () => {
  it('spreads by cluster when neither field nor label is set, minGroups 1, Divided when the type is missing', () => {
    const placement = withPlacementDefaults({
      spreadConstraints: [{ maxGroups: 2 }, { spreadByLabel: 'team', minGroups: 2 }],
      replicaScheduling: { replicaDivisionPreference: 'Aggregated' },
    });
    expect(placement.spreadConstraints).to.deep.equal([
      { spreadByField: 'cluster', maxGroups: 2, minGroups: 1 },
      { spreadByLabel: 'team', minGroups: 2 },
    ]);
    expect(placement.replicaScheduling?.replicaSchedulingType).to.equal('Divided');
  });
});

describe('isWorkloadBinding', () => {
  const cases: { name: string; spec: ResourceBindingSpec; want: boolean }[] = [
    { name: 'replicas', spec: bindingSpec({ replicas: 2 }), want: true },
    { name: 'requirements only (scaled to zero)', spec: bindingSpec({ replicas: 0, replicaRequirements: {} }), want: true },
    { name: 'neither: a ConfigMap', spec: bindingSpec({}), want: false },
  ];
  for (const c of cases) {
    it(c.name, () => expect(isWorkloadBinding(c.spec)).to.equal(c.want));
  }
});

describe('rescheduleRequired', () => {
  const cases: { name: string; triggeredAt?: string; status?: ResourceBindingStatus; want: boolean }[] = [
    { name: 'never triggered', status: { lastScheduledTime: '2025-01-01T00:00:00Z' }, want: false },
    { name: 'triggered after the last schedule', triggeredAt: '2025-01-01T00:00:01Z', status: { lastScheduledTime: '2025-01-01T00:00:00Z' }, want: true },
    { name: 'triggered before the last schedule', triggeredAt: '2024-12-31T23:59:59Z', status: { lastScheduledTime: '2025-01-01T00:00:00Z' }, want: false },
    { name: 'triggered at the same time', triggeredAt: '2025-01-01T00:00:00Z', status: { lastScheduledTime: '2025-01-01T00:00:00Z' }, want: false },
    { name: 'never scheduled yet', triggeredAt: '2025-01-01T00:00:00Z', status: {}, want: false },
  ];
  for (const c of cases) {
    it(c.name, () => expect(rescheduleRequired(bindingSpec(c.triggeredAt ? { rescheduleTriggeredAt: c.triggeredAt } : {}), c.status)).to.equal(c.want));
  }
});
