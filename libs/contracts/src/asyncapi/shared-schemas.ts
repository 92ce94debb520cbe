/**
 * The schemas event data share, by the names of the TypeScript types they describe (events/*.ts). They land in the
 * AsyncAPI document's `components.schemas`, and the data schemas refer to them with `ref(name)`.
 */
import type {
  BindingRefJson,
  ClaimingPolicyJson,
  ClusterExplanationJson,
  FailbackPlanJson,
  RejectedClustersJson,
  SealedManifestJson,
  TemplateRefJson,
  WorkRefJson,
} from '../events/propagation-events.js';
import type { GroupVersionResource } from '../events/resource-events.js';
import type { ClusterTaintJson, GroupResourceJson } from '../events/status-events.js';
import type { SealedSecretData } from '../events/template-events.js';
import { anyObject, array, integer, object, objectOf, ref, string, stringMap, type JsonSchema } from './json-schema.js';

const name = string('The object name.');
const namespace = string('The namespace; absent for cluster-scoped objects.');
const uid = string('The uid of the object (metadata.uid).');

export const sharedSchemas: Readonly<Record<string, JsonSchema>> = {
  ObjectMeta: {
    type: 'object',
    description: 'Kubernetes object metadata (ObjectMetaJson): the standard fields; others may appear.',
    additionalProperties: true,
    properties: {
      name,
      generateName: string(),
      namespace,
      uid,
      resourceVersion: string('The stream sequence of the newest event among the parts of the object, as the API served it.'),
      generation: integer(),
      creationTimestamp: string('RFC 3339, whole seconds.', { format: 'date-time' }),
      deletionTimestamp: string('Set while the object waits for its finalizers.', { format: 'date-time' }),
      deletionGracePeriodSeconds: integer(),
      labels: stringMap(),
      annotations: stringMap(),
      finalizers: array(string()),
      ownerReferences: array(anyObject()),
      managedFields: array(anyObject()),
    },
  },
  KubeObject: {
    type: 'object',
    description: 'Any Kubernetes object as JSON (KubeObjectJson).',
    additionalProperties: true,
    properties: { apiVersion: string('e.g. `apps/v1`, `v1`, `policy.karmada.io/v1alpha1`.'), kind: string(), metadata: ref('ObjectMeta') },
    required: ['apiVersion', 'kind', 'metadata'],
  },
  GroupVersionResource: objectOf<GroupVersionResource>()(
    { group: string('The API group; empty for the core group.'), version: string(), resource: string('The plural resource name.') },
    ['group', 'version', 'resource'],
    'Group, version and plural resource name of an object: what its REST path and its subject are built from.',
  ),
  GroupResource: objectOf<GroupResourceJson>()(
    { group: string('The API group; empty for the core group.'), resource: string('The plural resource name.') },
    ['group', 'resource'],
    'A resource type by its API group and plural name.',
  ),
  SealedSecretData: objectOf<SealedSecretData>()(
    {
      ref: string('The reference of the encrypted values (the id of the event that wrote them).'),
      digest: string('Keyed digest of the data (HMAC-SHA256 under the secret key): equal data, equal digest.'),
      keys: array(string(), 'The names of the data entries.'),
      annotations: array(string(), 'Annotations sealed with the values because they repeat them.'),
    },
    ['ref', 'digest', 'keys'],
    'Where the values of a Secret are: never in an event, but encrypted in the gateway database.',
  ),
  SealedManifest: objectOf<SealedManifestJson>()(
    {
      manifestIndex: integer("The manifest's position in the Work's spec.workload.manifests."),
      namespace: string("The Secret template's namespace: with name and ref, the key of the values in the store."),
      name: string("The Secret template's name."),
      ref: string('The reference of the encrypted values.'),
      digest: string('Keyed digest of the data: a change of the values changes the Work.'),
      keys: array(string(), 'The names of the data entries.'),
      annotations: array(string(), 'Annotations sealed with the values because they repeat them.'),
    },
    ['manifestIndex', 'namespace', 'name', 'ref', 'digest', 'keys'],
    'A Work manifest that is a Secret whose values are in the encrypted store: the executor fills them in before applying.',
  ),
  TemplateRef: objectOf<TemplateRefJson>()(
    { resource: ref('GroupResource'), apiVersion: string(), kind: string(), namespace, name, uid },
    ['resource', 'apiVersion', 'kind', 'name', 'uid'],
    'A template a claim or a binding is about.',
  ),
  ClaimingPolicy: objectOf<ClaimingPolicyJson>()(
    {
      kind: string(undefined, { enum: ['PropagationPolicy', 'ClusterPropagationPolicy'] }),
      namespace: string('Absent for ClusterPropagationPolicies.'),
      name,
      permanentId: string("The policy's permanent id label."),
    },
    ['kind', 'name', 'permanentId'],
    'The policy that claims a template.',
  ),
  BindingRef: objectOf<BindingRefJson>()(
    {
      kind: string(undefined, { enum: ['ResourceBinding', 'ClusterResourceBinding'] }),
      namespace: string('Absent for ClusterResourceBindings.'),
      name,
      uid,
    },
    ['kind', 'name', 'uid'],
    "A binding's identity in events that are not about its content.",
  ),
  WorkRef: objectOf<WorkRefJson>()(
    { namespace: string('`karmada-es-<cluster>`.'), name, uid, cluster: string('The member cluster.') },
    ['namespace', 'name', 'uid', 'cluster'],
    "A Work's identity in the executor's events.",
  ),
  ClusterTaint: objectOf<ClusterTaintJson>()(
    { key: string(), value: string(), effect: string('NoSchedule, PreferNoSchedule or NoExecute.'), timeAdded: string(undefined, { format: 'date-time' }) },
    ['key', 'effect'],
    'A Cluster taint (cluster.karmada.io/v1alpha1).',
  ),
  ClusterExplanation: objectOf<ClusterExplanationJson>()(
    {
      cluster: string(),
      rejectedBy: object(
        { plugin: string(), reasons: array(string()) },
        ['plugin', 'reasons'],
        'Schema version 1 of PlacementDecided only: the filter plugin that rejected the cluster, and its reasons (version 2 groups them in `rejected`).',
      ),
      score: { type: 'number' },
      availableReplicas: integer(),
      assignedReplicas: integer(),
    },
    ['cluster'],
    'One cluster as the scheduler saw it for one decision: why it was or was not chosen.',
  ),
  RejectedClusters: objectOf<RejectedClustersJson>()(
    { plugin: string('The filter plugin.'), reasons: array(string()), clusters: array(string(), 'The clusters it rejected for these reasons.') },
    ['plugin', 'reasons', 'clusters'],
    'The clusters one filter plugin rejected for the same reasons, in one scheduling decision.',
  ),
  FailbackPlan: objectOf<FailbackPlanJson>()(
    {
      clusters: array(object({ name: string(), replicas: integer() }, ['name']), 'The clusters and replicas before the first eviction: where the replicas go back to.'),
      evictedClusters: array(string(), 'The clusters the binding was evicted from; the return waits until each has recovered.'),
      replicas: integer('The binding replicas when the plan was made: a scaled binding is the scheduler\'s again.'),
      appliedPlacement: string('The applied placement when the plan was made: a changed placement is the scheduler\'s again.'),
      returningSince: string('Set once the return began: the original clusters were added back and the replacements kept.', { format: 'date-time' }),
    },
    ['clusters', 'evictedClusters', 'replicas'],
    "A binding's pending failback (beyond Karmada).",
  ),
};
