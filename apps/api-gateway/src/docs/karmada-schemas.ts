/**
 * The spec and status of Karmada's kinds, by their main fields (karmada-reference.md §1), so the API documentation
 * says more than "an object" for them. Fields not listed here are still accepted and stored.
 */
import type { OpenApiObject } from './openapi-types.js';

const text = (description: string, extra: OpenApiObject = {}): OpenApiObject => ({ type: 'string', description, ...extra });
const list = (items: OpenApiObject, description?: string): OpenApiObject => ({ type: 'array', items, ...(description ? { description } : {}) });
const anything = (description: string): OpenApiObject => ({ type: 'object', additionalProperties: true, description });
const labelSelector = anything('A label selector: matchLabels and matchExpressions.');

const clusterAffinity: OpenApiObject = {
  type: 'object',
  description: 'Which clusters: every part is ANDed, exclude wins, empty means all clusters.',
  properties: {
    labelSelector,
    fieldSelector: anything('matchExpressions on provider, region and zone (In, NotIn).'),
    clusterNames: list({ type: 'string' }),
    exclude: list({ type: 'string' }),
  },
};

const resourceSelector: OpenApiObject = {
  type: 'object',
  properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, namespace: { type: 'string' }, name: text('When set, labelSelector is ignored.'), labelSelector },
  required: ['apiVersion', 'kind'],
};

const propagationSpec: OpenApiObject = {
  type: 'object',
  properties: {
    resourceSelectors: { ...list(resourceSelector, 'The templates the policy propagates (at least one; an empty list does not mean all).'), minItems: 1 },
    placement: {
      type: 'object',
      properties: {
        clusterAffinity,
        clusterAffinities: list(anything('{affinityName, …ClusterAffinity, overflowAffinities}: ordered fallback groups.'), 'Mutually exclusive with clusterAffinity.'),
        clusterTolerations: list(anything('A toleration of cluster taints (NoSchedule, NoExecute).')),
        spreadConstraints: list({
          type: 'object',
          properties: { spreadByField: text('cluster, region, zone or provider.'), spreadByLabel: { type: 'string' }, maxGroups: { type: 'integer' }, minGroups: { type: 'integer' } },
        }),
        replicaScheduling: {
          type: 'object',
          properties: {
            replicaSchedulingType: text('Duplicated or Divided.', { enum: ['Duplicated', 'Divided'] }),
            replicaDivisionPreference: text('Aggregated or Weighted.', { enum: ['Aggregated', 'Weighted'] }),
            weightPreference: anything('staticWeightList [{targetCluster, weight}] or dynamicWeight: AvailableReplicas.'),
          },
        },
      },
    },
    priority: { type: 'integer', description: 'Higher wins when several policies match an unclaimed template.' },
    preemption: text('Always or Never (default).', { enum: ['Always', 'Never'] }),
    propagateDeps: { type: 'boolean', description: 'Also propagate the ConfigMaps, Secrets, PVCs and ServiceAccounts the workload uses.' },
    dependentOverrides: list({ type: 'string' }, 'OverridePolicies that must exist before the policy takes effect.'),
    schedulerName: { type: 'string' },
    failover: anything('{application, cluster}: when and how to move workloads off failing clusters.'),
    conflictResolution: text('Abort (default) or Overwrite: what to do with an existing member object Karmada does not manage.', { enum: ['Abort', 'Overwrite'] }),
    activationPreference: text('Lazy: policy changes apply to a template at its next update only.'),
    suspension: anything('{dispatching, dispatchingOnClusters}: stop syncing Works to all or some clusters.'),
    preserveResourcesOnDeletion: { type: 'boolean', description: 'Keep the member objects when the template is deleted.' },
  },
  required: ['resourceSelectors'],
};

const overrideSpec: OpenApiObject = {
  type: 'object',
  properties: {
    resourceSelectors: list(resourceSelector, 'The templates to override; empty means all.'),
    overrideRules: list({
      type: 'object',
      properties: {
        targetCluster: { ...clusterAffinity, description: 'The clusters the rule applies to (absent: all).' },
        overriders: {
          type: 'object',
          description: 'Applied in this order: image, command, args, labels, annotations, field, plaintext.',
          properties: {
            imageOverrider: list(anything('{predicate, component: Registry|Repository|Tag, operator: add|remove|replace, value}')),
            commandOverrider: list(anything('{containerName, operator: add|remove, value[]}')),
            argsOverrider: list(anything('{containerName, operator: add|remove, value[]}')),
            labelsOverrider: list(anything('{operator: add|remove|replace, value}')),
            annotationsOverrider: list(anything('{operator: add|remove|replace, value}')),
            fieldOverrider: list(anything('{fieldPath, json[] | yaml[]}: patches a document inside a string field.')),
            plaintext: list(anything('{path, operator: add|remove|replace, value}: an RFC 6902 patch.')),
          },
        },
      },
    }),
  },
};

const clusterSpec: OpenApiObject = {
  type: 'object',
  properties: {
    syncMode: text('Push: the control plane applies to the member.', { enum: ['Push', 'Pull'] }),
    apiEndpoint: text("The member's Kubernetes API (host, host:port or URL)."),
    secretRef: { type: 'object', description: 'The Secret with `token` and `caBundle` (namespace karmada-cluster).', properties: { namespace: { type: 'string' }, name: { type: 'string' } } },
    insecureSkipTLSVerification: { type: 'boolean' },
    provider: { type: 'string' },
    region: { type: 'string' },
    zones: list({ type: 'string' }),
    taints: list({ type: 'object', properties: { key: { type: 'string' }, value: { type: 'string' }, effect: { type: 'string', enum: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] }, timeAdded: { type: 'string', format: 'date-time' } } }),
    resourceModels: list(anything('{grade, ranges}: node grades for capacity estimation.')),
  },
  required: ['syncMode'],
};

const clusterStatus: OpenApiObject = {
  type: 'object',
  readOnly: true,
  description: 'Collected by cluster-svc.',
  properties: {
    kubernetesVersion: { type: 'string' },
    apiEnablements: list(anything('{groupVersion, resources}')),
    conditions: list(anything('Ready, CompleteAPIEnablements')),
    nodeSummary: { type: 'object', properties: { totalNum: { type: 'integer' }, readyNum: { type: 'integer' } } },
    resourceSummary: anything('allocatable, allocated, allocating'),
  },
};

const bindingSpec: OpenApiObject = {
  type: 'object',
  description: 'Derived by policy-svc (resource, replicas, requirements, placement) and scheduler-svc (clusters).',
  properties: {
    resource: anything('The template: apiVersion, kind, namespace, name, uid.'),
    replicas: { type: 'integer' },
    placement: anything('The placement of the matching policy.'),
    clusters: list({ type: 'object', properties: { name: { type: 'string' }, replicas: { type: 'integer' } } }, 'Where the scheduler placed it.'),
  },
};

/** Spec and status of Karmada's kinds, by `<group>/<kind>`. */
export const karmadaSchemas: Readonly<Record<string, { spec: OpenApiObject; status?: OpenApiObject; required?: readonly string[] }>> = {
  'cluster.karmada.io/Cluster': { spec: clusterSpec, status: clusterStatus, required: ['spec'] },
  'policy.karmada.io/PropagationPolicy': { spec: propagationSpec, required: ['spec'] },
  'policy.karmada.io/ClusterPropagationPolicy': { spec: propagationSpec, required: ['spec'] },
  'policy.karmada.io/OverridePolicy': { spec: overrideSpec },
  'policy.karmada.io/ClusterOverridePolicy': { spec: overrideSpec },
  'work.karmada.io/ResourceBinding': { spec: bindingSpec, status: anything('aggregatedStatus and conditions (Scheduled, FullyApplied).') },
  'work.karmada.io/ClusterResourceBinding': { spec: bindingSpec, status: anything('aggregatedStatus and conditions (Scheduled, FullyApplied).') },
  'work.karmada.io/Work': {
    spec: { type: 'object', properties: { workload: { type: 'object', properties: { manifests: list(anything('A rendered object for the member cluster.')) } } } },
    status: anything('conditions (Applied) and manifestStatuses reported by executor-svc.'),
  },
};
