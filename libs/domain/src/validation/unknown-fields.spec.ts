import { expect } from 'chai';
import { pruneBySchema } from '@karmada-ts/kube';
import { isKarmadaSchemaKind, karmadaSchemas, unknownFields, type KarmadaSchemaKind } from './unknown-fields.js';

const meta = { name: 'p', namespace: 'default', labels: { a: 'b' }, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' }, finalizers: ['x'] };
const pp = (spec: object, metadata: object = meta) => ({ apiVersion: 'policy.karmada.io/v1alpha1', kind: 'PropagationPolicy', metadata, spec });
const selector = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx', labelSelector: { matchLabels: { app: 'nginx' } } };

const cases: { name: string; kind: KarmadaSchemaKind; object: unknown; want: string[] }[] = [
  {
    name: 'a full PropagationPolicy has none',
    kind: 'PropagationPolicy',
    object: pp({
      resourceSelectors: [selector],
      placement: {
        clusterAffinities: [{ affinityName: 'a', clusterNames: ['m1'], overflowAffinities: [{ affinityName: 'b', exclude: ['m2'] }] }],
        clusterTolerations: [{ key: 'k', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }],
        spreadConstraints: [{ spreadByField: 'cluster', maxGroups: 2, minGroups: 1 }],
        replicaScheduling: { replicaSchedulingType: 'Divided', weightPreference: { staticWeightList: [{ targetCluster: { clusterNames: ['m1'] }, weight: 1 }], dynamicWeight: 'AvailableReplicas' } },
        workloadAffinity: { affinity: { groupByLabelKey: 'app' } },
      },
      failover: { application: { decisionConditions: { tolerationSeconds: 1 }, purgeMode: 'Gracefully', gracePeriodSeconds: 2, statePreservation: { rules: [{ aliasLabelName: 'a', jsonPath: '{.x}' }] } } },
      suspension: { dispatching: false, dispatchingOnClusters: { clusterNames: ['m1'] } },
      schedulePriority: { priorityClassSource: 'KubePriorityClass', priorityClassName: 'high' },
      priority: 1,
      preemption: 'Never',
      conflictResolution: 'Abort',
      activationPreference: 'Lazy',
      dependentOverrides: ['op'],
      propagateDeps: true,
      preserveResourcesOnDeletion: false,
      schedulerName: 's',
    }),
    want: [],
  },
  { name: 'members named like Object.prototype', kind: 'PropagationPolicy', object: pp({ resourceSelectors: [selector], constructor: 1, toString: 'x' }), want: ['spec.constructor', 'spec.toString'] },
  { name: 'a spec member', kind: 'PropagationPolicy', object: pp({ resourceSelectors: [selector], foo: 1 }), want: ['spec.foo'] },
  { name: 'a member in a list item', kind: 'PropagationPolicy', object: pp({ resourceSelectors: [selector, { ...selector, namspace: 'x' }] }), want: ['spec.resourceSelectors[1].namspace'] },
  { name: 'a root member', kind: 'PropagationPolicy', object: { ...pp({ resourceSelectors: [selector] }), status: {} }, want: ['status'] },
  { name: 'a metadata member', kind: 'PropagationPolicy', object: pp({ resourceSelectors: [selector] }, { name: 'p', lables: {} }), want: ['metadata.lables'] },
  {
    name: 'several, in document order',
    kind: 'PropagationPolicy',
    object: pp({ placement: { clusterAffinity: { names: ['a'] }, spread: [] }, resourceSelectors: [selector] }),
    want: ['spec.placement.clusterAffinity.names', 'spec.placement.spread'],
  },
  { name: 'values of free-form members are not fields', kind: 'OverridePolicy', object: { metadata: { name: 'o' }, spec: { overrideRules: [{ overriders: { plaintext: [{ path: '/a', operator: 'add', value: { any: 'thing' } }] } }] } }, want: [] },
  { name: 'map keys are not fields', kind: 'ClusterOverridePolicy', object: { metadata: { name: 'o' }, spec: { overriders: { labelsOverrider: [{ operator: 'add', value: { foo: 'bar' } }] } } }, want: [] },
  { name: 'an OverridePolicy rule member', kind: 'OverridePolicy', object: { metadata: { name: 'o' }, spec: { overrideRules: [{ overriders: {}, targetClusters: {} }] } }, want: ['spec.overrideRules[0].targetClusters'] },
  {
    name: 'a Cluster with spec and status has none',
    kind: 'Cluster',
    object: {
      metadata: { name: 'member1' },
      spec: { syncMode: 'Push', apiEndpoint: 'https://1.2.3.4:6443', secretRef: { namespace: 'karmada-cluster', name: 's' }, taints: [{ key: 'k', effect: 'NoSchedule', timeAdded: '2026-01-01T00:00:00Z' }], resourceModels: [{ grade: 0, ranges: [{ name: 'cpu', min: '0', max: '1' }] }] },
      status: { kubernetesVersion: 'v1.32.0', conditions: [{ type: 'Ready', status: 'True', reason: 'ClusterReady', message: 'ok', lastTransitionTime: '2026-01-01T00:00:00Z' }], resourceSummary: { allocatable: { cpu: '4' } }, nodeSummary: { totalNum: 1, readyNum: 1 } },
    },
    want: [],
  },
  { name: 'a Cluster spec member', kind: 'Cluster', object: { metadata: { name: 'm' }, spec: { syncMode: 'Push', endpoint: 'x' } }, want: ['spec.endpoint'] },
  { name: 'an object where a string belongs: its members are unknown, as pruning finds', kind: 'Cluster', object: { metadata: { name: 'm' }, spec: { syncMode: { a: 1 } } }, want: ['spec.syncMode.a'] },
];

describe('unknownFields', () => {
  for (const c of cases) it(c.name, () => expect(unknownFields(c.kind, c.object)).to.deep.equal(c.want));

  it('knows which kinds it has schemas for', () => {
    expect(['PropagationPolicy', 'ClusterPropagationPolicy', 'OverridePolicy', 'ClusterOverridePolicy', 'Cluster'].every(isKarmadaSchemaKind)).to.equal(true);
    expect(isKarmadaSchemaKind('Work')).to.equal(false);
    expect(isKarmadaSchemaKind('toString')).to.equal(false);
  });

  // The gateway may instead hand the schema to libs/kube (ResourceDefinition.schema): both must agree outside metadata.
  // (libs/kube's pruneBySchema uses `key in properties`, so it misses members named like Object.prototype's.)
  const kubeComparable = cases.filter((k) => !k.want.some((f) => f.startsWith('metadata.')) && !k.name.includes('Object.prototype'));
  for (const c of kubeComparable)
    it(`libs/kube pruning agrees: ${c.name}`, () => expect(pruneBySchema(c.object as Record<string, unknown>, karmadaSchemas[c.kind]).unknownFields).to.deep.equal(c.want));
});
