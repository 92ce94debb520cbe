import { expect } from 'chai';
import type { FieldError, KubeObject } from '@karmada-ts/kube';
import { defaultClusterPropagationPolicy, defaultPropagationPolicy } from './propagation-policy-defaults.js';
import { validateClusterPropagationPolicy, validatePropagationPolicy } from './propagation-policy-validation.js';

const ppId = 'propagationpolicy.karmada.io/permanent-id';
const cppId = 'clusterpropagationpolicy.karmada.io/permanent-id';
const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx' };

function pp(spec: unknown, namespace = 'default'): KubeObject {
  return { apiVersion: 'policy.karmada.io/v1alpha1', kind: 'PropagationPolicy', metadata: { name: 'nginx-propagation', namespace }, spec };
}

function cpp(spec: unknown): KubeObject {
  return { apiVersion: 'policy.karmada.io/v1alpha1', kind: 'ClusterPropagationPolicy', metadata: { name: 'nginx-propagation' }, spec };
}

/** Validates a policy the way the API server sees it on create: after the CRD defaults and the mutating webhook. */
function createErrors(policy: KubeObject): FieldError[] {
  const admission = { operation: 'CREATE', permanentId: 'b3a1e0c2-5f6d-4e8a-9c1b-2d3e4f5a6b7c', addFinalizer: false } as const;
  return policy.kind === 'PropagationPolicy' ? validatePropagationPolicy(defaultPropagationPolicy(policy, admission)) : validateClusterPropagationPolicy(defaultClusterPropagationPolicy(policy, admission));
}

/** [reason, field, body or the detail its body ends with]. */
type Expected = [FieldError['type'], string, string];

function expectErrors(actual: FieldError[], want: Expected[]): void {
  expect(actual.map((e) => [e.type, e.field]), JSON.stringify(actual, null, 1)).to.deep.equal(want.map(([type, field]) => [type, field]));
  actual.forEach((e, i) => {
    const detail = want[i]![2];
    expect(e.body === detail || e.body.endsWith(`: ${detail}`), `${e.body} should end with ${detail}`).to.equal(true);
  });
}

// Karmada's samples and docs: artifacts/example/*.yaml, samples/nginx/propagationpolicy.yaml, and policies as the docs show them.
const validPolicies: { name: string; policy: KubeObject }[] = [
  { name: 'propagationpolicy_simple.yaml', policy: pp({ resourceSelectors: [{ ...deployment, name: 'deployment-1' }], placement: { clusterAffinity: { clusterNames: ['member1', 'member2'] } } }) },
  {
    name: 'policy_with_labelSelector.yaml',
    policy: pp({
      resourceSelectors: [{ ...deployment, labelSelector: { matchLabels: { a: 'b' } } }],
      association: false,
      placement: { clusterAffinity: { clusterNames: ['cluster1', 'cluster2', 'cluster3'] }, spreadConstraints: [{ spreadByLabel: 'failuredomain.kubernetes.io/zone', maxGroups: 2, minGroups: 2 }] },
      schedulerName: 'default',
    }),
  },
  {
    name: 'propagation_fieldsselector.yaml',
    policy: pp({
      resourceSelectors: [deployment],
      placement: {
        clusterAffinity: {
          clusterNames: ['member1', 'member2'],
          fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: ['huaweicloud'] }, { key: 'region', operator: 'NotIn', values: ['cn-south-1'] }] },
        },
      },
    }),
  },
  {
    name: 'propagationpolicy_taintToleration.yaml (effect only)',
    policy: pp({ resourceSelectors: [deployment], placement: { clusterAffinity: { clusterNames: ['member1', 'member2'] }, clusterTolerations: [{ effect: 'NoSchedule' }] } }),
  },
  {
    name: 'samples/nginx: static weights',
    policy: pp({
      resourceSelectors: [deployment],
      placement: {
        clusterAffinity: { clusterNames: ['member1', 'member2'] },
        replicaScheduling: {
          replicaDivisionPreference: 'Weighted',
          replicaSchedulingType: 'Divided',
          weightPreference: { staticWeightList: [{ targetCluster: { clusterNames: ['member1'] }, weight: 1 }, { targetCluster: { clusterNames: ['member2'] }, weight: 1 }] },
        },
      },
    }),
  },
  {
    name: 'dynamic weight with region and cluster spread',
    policy: pp({
      resourceSelectors: [deployment],
      placement: {
        replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Weighted', weightPreference: { dynamicWeight: 'AvailableReplicas' } },
        spreadConstraints: [
          { spreadByField: 'region', maxGroups: 2, minGroups: 1 },
          { spreadByField: 'cluster', maxGroups: 3, minGroups: 2 },
        ],
      },
    }),
  },
  {
    name: 'cluster affinities with an overflow tier (aggregated)',
    policy: pp({
      resourceSelectors: [deployment],
      placement: {
        clusterAffinities: [
          { affinityName: 'local-clusters', clusterNames: ['member1', 'member2'], overflowAffinities: [{ affinityName: 'cloud', clusterNames: ['member3'] }] },
          { affinityName: 'cloud-clusters', clusterNames: ['member3'] },
        ],
        replicaScheduling: { replicaSchedulingType: 'Divided', replicaDivisionPreference: 'Aggregated' },
      },
    }),
  },
  {
    name: 'application failover with state preservation',
    policy: pp({
      resourceSelectors: [deployment],
      propagateDeps: true,
      placement: { clusterAffinity: { clusterNames: ['member1', 'member2'] }, clusterTolerations: [{ key: 'cluster.karmada.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }] },
      failover: {
        application: { decisionConditions: { tolerationSeconds: 120 }, purgeMode: 'Gracefully', gracePeriodSeconds: 60, statePreservation: { rules: [{ aliasLabelName: 'failover.example.io/replicas', jsonPath: '{ .replicas }' }] } },
        cluster: { purgeMode: 'Directly' },
      },
    }),
  },
  { name: 'application failover purging directly', policy: pp({ resourceSelectors: [deployment], propagateDeps: true, failover: { application: { decisionConditions: {}, purgeMode: 'Directly' } } }) },
  { name: 'suspended dispatching', policy: pp({ resourceSelectors: [deployment], suspension: { dispatching: true } }) },
  { name: 'suspended on some clusters', policy: pp({ resourceSelectors: [deployment], suspension: { dispatching: false, dispatchingOnClusters: { clusterNames: ['member1'] } } }) },
  { name: 'preemption with named selectors', policy: pp({ resourceSelectors: [deployment], preemption: 'Always', priority: 10 }) },
  { name: 'selector in the policy namespace', policy: pp({ resourceSelectors: [{ ...deployment, namespace: 'team-a' }] }, 'team-a') },
  { name: 'lazy activation, overwrite, priority class', policy: pp({ resourceSelectors: [deployment], activationPreference: 'Lazy', conflictResolution: 'Overwrite', schedulePriority: { priorityClassSource: 'KubePriorityClass', priorityClassName: 'high' } }) },
  { name: 'workload affinity and anti-affinity on different keys', policy: pp({ resourceSelectors: [deployment], placement: { workloadAffinity: { affinity: { groupByLabelKey: 'app' }, antiAffinity: { groupByLabelKey: 'shard' } } } }) },
  { name: 'clusterpropagationpolicy_simple.yaml (any namespace)', policy: cpp({ resourceSelectors: [{ ...deployment, namespace: 'default' }], placement: { clusterAffinity: { clusterNames: ['member1'] } } }) },
];

describe('validatePropagationPolicy: Karmada samples are accepted', () => {
  for (const c of validPolicies) it(c.name, () => expect(createErrors(c.policy)).to.deep.equal([]));
});

const invalidPolicies: { name: string; policy: KubeObject; want: Expected[] }[] = [
  // CRD schema
  { name: 'no spec', policy: pp(undefined), want: [['FieldValueRequired', 'spec', 'Required value']] },
  { name: 'no resource selectors', policy: pp({}), want: [['FieldValueRequired', 'spec.resourceSelectors', 'Required value']] },
  { name: 'empty resource selectors', policy: pp({ resourceSelectors: [] }), want: [['FieldValueInvalid', 'spec.resourceSelectors', 'Invalid value: 0: spec.resourceSelectors in body should have at least 1 items']] },
  {
    name: 'selector without apiVersion and kind',
    policy: pp({ resourceSelectors: [{ name: 'nginx' }] }),
    want: [
      ['FieldValueRequired', 'spec.resourceSelectors[0].apiVersion', 'Required value'],
      ['FieldValueRequired', 'spec.resourceSelectors[0].kind', 'Required value'],
    ],
  },
  { name: 'conflictResolution enum', policy: pp({ resourceSelectors: [deployment], conflictResolution: 'Replace' }), want: [['FieldValueNotSupported', 'spec.conflictResolution', 'Unsupported value: "Replace": supported values: "Abort", "Overwrite"']] },
  { name: 'preemption enum', policy: pp({ resourceSelectors: [deployment], preemption: 'Sometimes' }), want: [['FieldValueNotSupported', 'spec.preemption', 'Unsupported value: "Sometimes": supported values: "Always", "Never"']] },
  { name: 'activationPreference enum', policy: pp({ resourceSelectors: [deployment], activationPreference: 'Eager' }), want: [['FieldValueNotSupported', 'spec.activationPreference', 'Unsupported value: "Eager": supported values: "Lazy"']] },
  { name: 'priority type', policy: pp({ resourceSelectors: [deployment], priority: 'high' }), want: [['FieldValueTypeInvalid', 'spec.priority', 'Invalid value: "string": spec.priority in body must be of type integer: "string"']] },
  { name: 'priority beyond int32', policy: pp({ resourceSelectors: [deployment], priority: 3_000_000_000 }), want: [['FieldValueInvalid', 'spec.priority', 'Invalid value: 3000000000: must be between -2147483648 and 2147483647, inclusive']] },
  {
    name: 'replicaSchedulingType enum',
    policy: pp({ resourceSelectors: [deployment], placement: { replicaScheduling: { replicaSchedulingType: 'Split' } } }),
    want: [['FieldValueNotSupported', 'spec.placement.replicaScheduling.replicaSchedulingType', 'Unsupported value: "Split": supported values: "Duplicated", "Divided"']],
  },
  {
    name: 'replicaDivisionPreference enum',
    policy: pp({ resourceSelectors: [deployment], placement: { replicaScheduling: { replicaDivisionPreference: 'Balanced' } } }),
    want: [['FieldValueNotSupported', 'spec.placement.replicaScheduling.replicaDivisionPreference', 'Unsupported value: "Balanced": supported values: "Aggregated", "Weighted"']],
  },
  {
    name: 'dynamicWeight enum',
    policy: pp({ resourceSelectors: [deployment], placement: { replicaScheduling: { weightPreference: { dynamicWeight: 'Capacity' } } } }),
    want: [['FieldValueNotSupported', 'spec.placement.replicaScheduling.weightPreference.dynamicWeight', 'Unsupported value: "Capacity": supported values: "AvailableReplicas"']],
  },
  {
    name: 'static weight below 1',
    policy: pp({ resourceSelectors: [deployment], placement: { replicaScheduling: { weightPreference: { staticWeightList: [{ targetCluster: { clusterNames: ['m1'] }, weight: 0 }] } } } }),
    want: [['FieldValueInvalid', 'spec.placement.replicaScheduling.weightPreference.staticWeightList[0].weight', 'Invalid value: 0: spec.placement.replicaScheduling.weightPreference.staticWeightList[0].weight in body should be greater than or equal to 1']],
  },
  {
    name: 'static weight without target',
    policy: pp({ resourceSelectors: [deployment], placement: { replicaScheduling: { weightPreference: { staticWeightList: [{ weight: 1 }] } } } }),
    want: [['FieldValueRequired', 'spec.placement.replicaScheduling.weightPreference.staticWeightList[0].targetCluster', 'Required value']],
  },
  {
    name: 'spreadByField enum',
    policy: pp({ resourceSelectors: [deployment], placement: { spreadConstraints: [{ spreadByField: 'rack' }] } }),
    want: [['FieldValueNotSupported', 'spec.placement.spreadConstraints[0].spreadByField', 'Unsupported value: "rack": supported values: "cluster", "region", "zone", "provider"']],
  },
  {
    name: 'affinityName empty',
    policy: pp({ resourceSelectors: [deployment], placement: { clusterAffinities: [{ affinityName: '' }] } }),
    want: [['FieldValueInvalid', 'spec.placement.clusterAffinities[0].affinityName', 'Invalid value: "": spec.placement.clusterAffinities[0].affinityName in body should be at least 1 chars long']],
  },
  {
    name: 'affinityName longer than 32',
    policy: pp({ resourceSelectors: [deployment], placement: { clusterAffinities: [{ affinityName: 'a'.repeat(33) }] } }),
    want: [['FieldValueTooLong', 'spec.placement.clusterAffinities[0].affinityName', 'Too long: may not be more than 32 bytes']],
  },
  { name: 'affinityName missing', policy: pp({ resourceSelectors: [deployment], placement: { clusterAffinities: [{ clusterNames: ['a'] }] } }), want: [['FieldValueRequired', 'spec.placement.clusterAffinities[0].affinityName', 'Required value']] },
  {
    name: 'application failover needs decisionConditions',
    policy: pp({ resourceSelectors: [deployment], propagateDeps: true, failover: { application: {} } }),
    want: [['FieldValueRequired', 'spec.failover.application.decisionConditions', 'Required value']],
  },
  {
    name: 'application purgeMode enum',
    policy: pp({ resourceSelectors: [deployment], propagateDeps: true, failover: { application: { decisionConditions: {}, purgeMode: 'Slowly' } } }),
    want: [['FieldValueNotSupported', 'spec.failover.application.purgeMode', 'Unsupported value: "Slowly": supported values: "Directly", "Gracefully", "Never"']],
  },
  {
    name: 'cluster failover purgeMode Never is not allowed',
    policy: pp({ resourceSelectors: [deployment], failover: { cluster: { purgeMode: 'Never' } } }),
    want: [['FieldValueNotSupported', 'spec.failover.cluster.purgeMode', 'Unsupported value: "Never": supported values: "Directly", "Gracefully"']],
  },
  {
    name: 'state preservation rule members',
    policy: pp({ resourceSelectors: [deployment], failover: { cluster: { statePreservation: { rules: [{}] } } } }),
    want: [
      ['FieldValueRequired', 'spec.failover.cluster.statePreservation.rules[0].aliasLabelName', 'Required value'],
      ['FieldValueRequired', 'spec.failover.cluster.statePreservation.rules[0].jsonPath', 'Required value'],
    ],
  },
  {
    name: 'schedulePriority members',
    policy: pp({ resourceSelectors: [deployment], schedulePriority: { priorityClassSource: 'FederatedPriorityClass' } }),
    want: [
      ['FieldValueRequired', 'spec.schedulePriority.priorityClassName', 'Required value'],
      ['FieldValueNotSupported', 'spec.schedulePriority.priorityClassSource', 'Unsupported value: "FederatedPriorityClass": supported values: "KubePriorityClass"'],
    ],
  },
  {
    name: 'schema errors hide the webhook rules',
    policy: pp({ resourceSelectors: [{ ...deployment, namespace: 'other' }], preemption: 'x' }),
    want: [['FieldValueNotSupported', 'spec.preemption', 'Unsupported value: "x": supported values: "Always", "Never"']],
  },
  // Karmada's webhook
  { name: 'selector in another namespace', policy: pp({ resourceSelectors: [{ ...deployment, namespace: 'kube-system' }] }), want: [['FieldValueInvalid', 'spec.resourceSelectors[0].namespace', 'Invalid value: "kube-system": namespace of resource selector must be the same as the namespace of the policy']] },
  {
    name: 'preemption Always needs names',
    policy: pp({ resourceSelectors: [deployment, { apiVersion: 'v1', kind: 'ConfigMap' }], preemption: 'Always' }),
    want: [['FieldValueInvalid', 'spec.resourceSelectors[1].name', 'Invalid value: "": name cannot be empty if preemption is Always, the empty name may cause unexpected resources preemption']],
  },
  {
    name: 'clusterAffinity and clusterAffinities together',
    policy: pp({ resourceSelectors: [deployment], placement: { clusterAffinity: { clusterNames: ['a'] }, clusterAffinities: [{ affinityName: 'x', clusterNames: ['a'] }] } }),
    want: [['FieldValueInvalid', 'spec.placement', 'clusterAffinities cannot co-exist with clusterAffinity']],
  },
  {
    name: 'field selector key',
    policy: pp({ resourceSelectors: [deployment], placement: { clusterAffinity: { fieldSelector: { matchExpressions: [{ key: 'datacenter', operator: 'In', values: ['a'] }] } } } }),
    want: [['FieldValueInvalid', 'spec.placement.clusterAffinity.fieldSelector', 'unsupported key "datacenter", must be provider, region, or zone']],
  },
  {
    name: 'overflow without aggregated or dynamic weight',
    policy: pp({ resourceSelectors: [deployment], placement: { clusterAffinities: [{ affinityName: 'a', clusterNames: ['m1'], overflowAffinities: [{ affinityName: 'b', clusterNames: ['m2'] }] }] } }),
    want: [['FieldValueInvalid', 'spec.placement.clusterAffinities[0].overflowAffinities', 'overflowAffinities can only be used together with dynamic weight or aggregated scheduling']],
  },
  {
    name: 'spread by field and label',
    policy: pp({ resourceSelectors: [deployment], placement: { spreadConstraints: [{ spreadByField: 'cluster', spreadByLabel: 'zone' }] } }),
    want: [['FieldValueInvalid', 'spec.placement.spreadConstraints[0]', 'spreadByLabel should not co-exist with spreadByField']],
  },
  {
    name: 'region without a cluster constraint',
    policy: pp({ resourceSelectors: [deployment], placement: { spreadConstraints: [{ spreadByField: 'region', maxGroups: 2 }] } }),
    want: [['FieldValueInvalid', 'spec.placement.spreadConstraints', 'the cluster spread constraint must be enabled in one of the constraints in case of SpreadByField is enabled']],
  },
  {
    name: 'a defaulted constraint counts as the cluster constraint',
    policy: pp({ resourceSelectors: [deployment], placement: { spreadConstraints: [{ spreadByField: 'zone', maxGroups: 2 }, { maxGroups: 3 }] } }),
    want: [],
  },
  {
    name: 'toleration operator Lt',
    policy: pp({ resourceSelectors: [deployment], placement: { clusterTolerations: [{ key: 'k', operator: 'Lt', value: '5' }] } }),
    want: [['FieldValueNotSupported', 'spec.placement.clusterTolerations[0].operator', 'Unsupported value: "Lt": supported values: "", "Exists", "Equal"']],
  },
  {
    name: 'workload affinity and anti-affinity on the same key',
    policy: pp({ resourceSelectors: [deployment], placement: { workloadAffinity: { affinity: { groupByLabelKey: 'app' }, antiAffinity: { groupByLabelKey: 'app' } } } }),
    want: [['FieldValueInvalid', 'spec.placement.workloadAffinity', 'affinity and antiAffinity must not use the same groupByLabelKey']],
  },
  {
    name: 'application failover without propagateDeps',
    policy: pp({ resourceSelectors: [deployment], failover: { application: { decisionConditions: { tolerationSeconds: 30 } } } }),
    want: [['FieldValueInvalid', 'spec.propagateDeps', 'Invalid value: false: application failover is set, propagateDeps must be true']],
  },
  {
    name: 'negative tolerationSeconds',
    policy: pp({ resourceSelectors: [deployment], propagateDeps: true, failover: { application: { decisionConditions: { tolerationSeconds: -1 } } } }),
    want: [['FieldValueInvalid', 'spec.failover.application.decisionConditions.tolerationSeconds', 'Invalid value: -1: must be greater than or equal to 0']],
  },
  {
    name: 'gracePeriodSeconds with purgeMode Directly',
    policy: pp({ resourceSelectors: [deployment], propagateDeps: true, failover: { application: { decisionConditions: {}, purgeMode: 'Directly', gracePeriodSeconds: 10 } } }),
    want: [['FieldValueInvalid', 'spec.failover.application.gracePeriodSeconds', 'Invalid value: 10: only takes effect when purgeMode is gracefully']],
  },
  {
    name: 'dispatching suspended and per-cluster suspension together',
    policy: pp({ resourceSelectors: [deployment], suspension: { dispatching: true, dispatchingOnClusters: { clusterNames: ['member1'] } } }),
    want: [['FieldValueInvalid', 'spec.suspension.suspension', 'suspension dispatching cannot co-exist with dispatchingOnClusters.clusterNames']],
  },
  // Kubernetes' label selector rules (beyond Karmada's webhook)
  {
    name: 'resource selector with a bad label selector',
    policy: pp({ resourceSelectors: [{ ...deployment, labelSelector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['x'] }] } }] }),
    want: [['FieldValueInvalid', 'spec.resourceSelectors[0].labelSelector.matchExpressions[0].operator', 'Invalid value: "Equals": not a valid selector operator']],
  },
  {
    name: 'cluster affinity with a bad label selector',
    policy: pp({ resourceSelectors: [deployment], placement: { clusterAffinity: { labelSelector: { matchExpressions: [{ key: 'env', operator: 'In' }] } } } }),
    want: [['FieldValueRequired', 'spec.placement.clusterAffinity.labelSelector.matchExpressions[0].values', "Required value: must be specified when `operator` is 'In' or 'NotIn'"]],
  },
];

describe('validatePropagationPolicy: each rule', () => {
  for (const c of invalidPolicies) it(c.name, () => expectErrors(createErrors(c.policy), c.want));
});

describe('validateClusterPropagationPolicy', () => {
  it('selectors may name any namespace', () => expect(createErrors(cpp({ resourceSelectors: [{ ...deployment, namespace: 'kube-system' }] }))).to.deep.equal([]));
  it('applies the same spec rules', () =>
    expectErrors(createErrors(cpp({ resourceSelectors: [deployment], placement: { spreadConstraints: [{ spreadByField: 'provider' }] } })), [
      ['FieldValueInvalid', 'spec.placement.spreadConstraints', 'the cluster spread constraint must be enabled in one of the constraints in case of SpreadByField is enabled'],
    ]));
  it('needs its own permanent-id label', () =>
    expectErrors(validateClusterPropagationPolicy(cpp({ resourceSelectors: [deployment] })), [
      ['FieldValueRequired', `metadata.labels[${cppId}]`, `Required value: label ${cppId} is required, it should be set by the mutating admission webhook during creation`],
    ]));
});

describe('validatePropagationPolicy: permanent id and updates', () => {
  const created = defaultPropagationPolicy(pp({ resourceSelectors: [deployment] }), { operation: 'CREATE', permanentId: 'id-1', addFinalizer: false });
  const withLabels = (labels: Record<string, string>): KubeObject => ({ ...created, metadata: { ...created.metadata, labels } });

  it('a policy never defaulted on create lacks the label', () =>
    expectErrors(validatePropagationPolicy(pp({ resourceSelectors: [deployment] })), [
      ['FieldValueRequired', `metadata.labels[${ppId}]`, `Required value: label ${ppId} is required, it should be set by the mutating admission webhook during creation`],
    ]));
  it('an unchanged update is valid', () => expect(validatePropagationPolicy(created, created)).to.deep.equal([]));
  it('other labels may change', () => expect(validatePropagationPolicy(withLabels({ [ppId]: 'id-1', team: 'a' }), created)).to.deep.equal([]));
  it('the permanent id is immutable', () =>
    expectErrors(validatePropagationPolicy(withLabels({ [ppId]: 'id-2' }), created), [['FieldValueForbidden', `metadata.labels[${ppId}]`, `Forbidden: label ${ppId} is immutable, it can only be set by the system during creation`]]));
  it('removing the permanent id is refused twice over', () =>
    expectErrors(validatePropagationPolicy(withLabels({}), created), [
      ['FieldValueForbidden', `metadata.labels[${ppId}]`, `label ${ppId} is immutable, it can only be set by the system during creation`],
      ['FieldValueRequired', `metadata.labels[${ppId}]`, `label ${ppId} is required, it should be set by the mutating admission webhook during creation`],
    ]));
  it('schedulerName is immutable', () => {
    const spec = { ...(created['spec'] as object), schedulerName: 'other-scheduler' };
    expectErrors(validatePropagationPolicy({ ...created, spec }, created), [['FieldValueForbidden', 'spec.schedulerName', 'Forbidden: the schedulerName should not be updated']]);
  });
});
