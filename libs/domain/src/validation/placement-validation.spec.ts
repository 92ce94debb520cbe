import { expect } from 'chai';
import type { FieldError } from '@karmada-ts/kube';
import { validatePlacement, type PlacementShape } from './placement-validation.js';

function invalid(field: string, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, body: `Invalid value: ${JSON.stringify(value)}: ${detail}` };
}

const overflowTerm = { affinityName: 'a', clusterNames: ['m1'], overflowAffinities: [{ affinityName: 'b', clusterNames: ['m2'] }] };
const overflowOnly = (replicaScheduling: PlacementShape['replicaScheduling']): PlacementShape => ({ clusterAffinities: [overflowTerm], ...(replicaScheduling ? { replicaScheduling } : {}) });
const overflowRefused = invalid('p.clusterAffinities[0].overflowAffinities', overflowTerm.overflowAffinities, 'overflowAffinities can only be used together with dynamic weight or aggregated scheduling');

const cases: { name: string; placement: PlacementShape | undefined; want: FieldError[] }[] = [
  { name: 'absent', placement: undefined, want: [] },
  { name: 'empty (all clusters)', placement: {}, want: [] },
  {
    name: 'affinity and affinities together',
    placement: { clusterAffinity: { clusterNames: ['m1'] }, clusterAffinities: [] },
    want: [invalid('p', { clusterAffinity: { clusterNames: ['m1'] }, clusterAffinities: [] }, 'clusterAffinities cannot co-exist with clusterAffinity')],
  },
  { name: 'overflow with Aggregated', placement: overflowOnly({ replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' }), want: [] },
  { name: 'overflow with dynamic weight', placement: overflowOnly({ replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { dynamicWeight: 'AvailableReplicas' } }), want: [] },
  { name: 'overflow without replica scheduling', placement: overflowOnly(undefined), want: [overflowRefused] },
  { name: 'overflow with Duplicated', placement: overflowOnly({ replicaSchedulingType: 'Duplicated' }), want: [overflowRefused] },
  { name: 'overflow with static weights', placement: overflowOnly({ replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted' }), want: [overflowRefused] },
  { name: 'tolerations Karmada accepts', placement: { clusterTolerations: [{ effect: 'NoSchedule' }, { key: 'k', operator: 'Exists' }, { key: 'k', operator: 'Equal', value: 'v', effect: 'NoExecute', tolerationSeconds: 5 }] }, want: [] },
  {
    name: 'toleration operators Lt and Gt',
    placement: { clusterTolerations: [{ key: 'k', operator: 'Lt' as never, value: '1' }, { key: 'k', operator: 'Gt' as never, value: '1' }] },
    want: [
      { type: 'FieldValueNotSupported', field: 'p.clusterTolerations[0].operator', body: 'Unsupported value: "Lt": supported values: "", "Exists", "Equal"' },
      { type: 'FieldValueNotSupported', field: 'p.clusterTolerations[1].operator', body: 'Unsupported value: "Gt": supported values: "", "Exists", "Equal"' },
    ],
  },
  {
    name: 'toleration operator and effect that can never match',
    placement: { clusterTolerations: [{ key: 'k', operator: 'Matches' as never, effect: 'NoRun' as never }] },
    want: [
      { type: 'FieldValueNotSupported', field: 'p.clusterTolerations[0].operator', body: 'Unsupported value: "Matches": supported values: "", "Exists", "Equal"' },
      { type: 'FieldValueNotSupported', field: 'p.clusterTolerations[0].effect', body: 'Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"' },
    ],
  },
  { name: 'workload affinity', placement: { workloadAffinity: { affinity: { groupByLabelKey: 'app' }, antiAffinity: { groupByLabelKey: 'example.io/shard' } } }, want: [] },
  {
    name: 'workload affinity and anti-affinity on one key',
    placement: { workloadAffinity: { affinity: { groupByLabelKey: 'app' }, antiAffinity: { groupByLabelKey: 'app' } } },
    want: [invalid('p.workloadAffinity', { affinity: { groupByLabelKey: 'app' }, antiAffinity: { groupByLabelKey: 'app' } }, 'affinity and antiAffinity must not use the same groupByLabelKey')],
  },
  {
    name: 'each part is checked',
    placement: {
      clusterAffinity: { fieldSelector: { matchExpressions: [{ key: 'os', operator: 'In', values: ['linux'] } as never] } },
      spreadConstraints: [{ spreadByField: 'region', minGroups: 1 }],
      replicaScheduling: { weightPreference: { staticWeightList: [{ targetCluster: { fieldSelector: { matchExpressions: [{ key: 'region', operator: 'Exists' }] } }, weight: 1 }] } },
    },
    want: [
      invalid('p.clusterAffinity.fieldSelector', { matchExpressions: [{ key: 'os', operator: 'In', values: ['linux'] }] }, 'unsupported key "os", must be provider, region, or zone'),
      invalid('p.spreadConstraints', [{ spreadByField: 'region', minGroups: 1 }], 'the cluster spread constraint must be enabled in one of the constraints in case of SpreadByField is enabled'),
      invalid('p.replicaScheduling.weightPreference.staticWeightList[0].targetCluster.fieldSelector', { matchExpressions: [{ key: 'region', operator: 'Exists' }] }, 'unsupported operator "Exists", must be In or NotIn'),
    ],
  },
];

describe('validatePlacement', () => {
  for (const c of cases) it(c.name, () => expect(validatePlacement(c.placement, 'p')).to.deep.equal(c.want));
});
