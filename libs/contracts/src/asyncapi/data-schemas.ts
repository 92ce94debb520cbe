/**
 * The JSON Schema of the `data` of every event type, written by hand beside the TypeScript interfaces they describe
 * (events/*.ts), one per event type, keyed by the type's name. The AsyncAPI test fails when an event type has none.
 */
import type { DeadLetteredData } from '../events/dead-lettered.js';
import type { FinalizerReleasedData } from '../events/finalizer-events.js';
import type {
  BindingCleanedUpData,
  BindingStatusAggregatedData,
  BindingUpsertedData,
  DriftCorrectedData,
  PlacementDecidedData,
  TemplateClaimedData,
  TemplateClaimReleasedData,
  WorkCleanedUpData,
  WorkDeletionRequestedData,
  WorkRenderedData,
  WorkStatusReportedData,
} from '../events/propagation-events.js';
import type { ResourceDeletedData, ResourceUpsertedData } from '../events/resource-events.js';
import type { ClusterStatusCollectedData, TemplateStatusAggregatedData } from '../events/status-events.js';
import type { ResourceWrittenData } from '../events/template-events.js';
import { anyObject, array, boolean, integer, object, objectOf, ref, string, stringMap, type JsonSchema } from './json-schema.js';

const status = (of: string) => anyObject(`Becomes the ${of}'s \`.status\`.`);
const namespace = string('Absent for cluster-scoped objects.');
const objectUid = (what: string) => string(`The uid of the ${what}: an event about an earlier object of the same name is ignored.`);

const resourceWritten = (what: string): JsonSchema =>
  objectOf<ResourceWrittenData>()(
    {
      resource: ref('GroupVersionResource'),
      object: { ...ref('KubeObject'), description: `The object ${what}, without what other aggregates own (status from templatestatus or clusterstatus) and, for Secrets, without \`data\`.` },
      sealedData: { ...ref('SealedSecretData'), description: 'Secrets only: where the values are.' },
      subresource: string('Set when the write came through the status or scale subresource.', { enum: ['status', 'scale'] }),
    },
    ['resource', 'object'],
  );

export const eventDataSchemas: Readonly<Record<string, JsonSchema>> = {
  // template-events.ts, resource-events.ts
  ResourceCreated: resourceWritten('as created'),
  ResourceUpdated: resourceWritten('after the update'),
  ResourceDeleted: objectOf<ResourceDeletedData>()(
    {
      resource: ref('GroupVersionResource'),
      object: { ...ref('KubeObject'), description: 'The object as it was when it was deleted.' },
      sealedData: { ...ref('SealedSecretData'), description: 'Secrets only: where the values of the deleted Secret were.' },
    },
    ['resource', 'object'],
  ),
  ResourceUpserted: objectOf<ResourceUpsertedData>()(
    { resource: ref('GroupVersionResource'), object: { ...ref('KubeObject'), description: 'The object after a create or update.' } },
    ['resource', 'object'],
    'Written by earlier versions instead of ResourceCreated and ResourceUpdated; still read from old streams.',
  ),

  // dead-lettered.ts
  DeadLettered: objectOf<DeadLetteredData>()(
    {
      durable: string('The consumer that gave up.'),
      stream: string(),
      streamSeq: integer('Stream sequence of the original message.'),
      subject: string('Subject of the original message.'),
      deliveryCount: integer(),
      error: object({ name: string(), message: string(), stack: string() }, ['name', 'message']),
      headers: { type: 'object', description: 'The original message headers (each header may repeat).', additionalProperties: array(string()) },
      payload: string('The original message body as UTF-8 text (normally the JSON of an envelope).'),
    },
    ['durable', 'stream', 'streamSeq', 'subject', 'deliveryCount', 'error', 'headers', 'payload'],
  ),

  // status-events.ts
  TemplateStatusAggregated: objectOf<TemplateStatusAggregatedData>()(
    { resource: ref('GroupResource'), namespace, name: string(), uid: objectUid('template the status describes'), status: status('template') },
    ['resource', 'name', 'status'],
  ),
  ClusterStatusCollected: objectOf<ClusterStatusCollectedData>()(
    {
      name: string('The Cluster name.'),
      uid: objectUid('Cluster the status describes'),
      status: status('Cluster'),
      controllerTaints: array(ref('ClusterTaint'), "Taints the controllers manage (not-ready, unreachable …): served in `spec.taints` after the user's own."),
    },
    ['name', 'status'],
  ),

  // finalizer-events.ts
  FinalizerReleased: objectOf<FinalizerReleasedData>()(
    {
      resource: ref('GroupResource'),
      namespace,
      name: string(),
      uid: objectUid('object the controller cleaned up after'),
      finalizer: string('The finalizer the gateway removes from the object.'),
    },
    ['resource', 'name', 'finalizer'],
  ),

  // propagation-events.ts
  TemplateClaimed: objectOf<TemplateClaimedData>()(
    {
      template: ref('TemplateRef'),
      policy: ref('ClaimingPolicy'),
      labels: stringMap("Karmada's claim labels, merged into the template the gateway serves."),
      annotations: stringMap("Karmada's claim annotations, merged into the template the gateway serves."),
    },
    ['template', 'policy', 'labels', 'annotations'],
  ),
  TemplateClaimReleased: objectOf<TemplateClaimReleasedData>()(
    { template: ref('TemplateRef'), policy: ref('ClaimingPolicy'), reason: string('PolicyDeleted, NoLongerMatches or TemplateDeleted.') },
    ['template', 'policy', 'reason'],
  ),
  BindingUpserted: objectOf<BindingUpsertedData>()(
    {
      binding: { ...ref('KubeObject'), description: 'The whole (Cluster)ResourceBinding without spec.clusters, spec.gracefulEvictionTasks and status.' },
      deleting: boolean('The template is gone: the Works are being removed, then BindingCleanedUp follows.'),
    },
    ['binding'],
  ),
  PlacementDecided: objectOf<PlacementDecidedData>()(
    {
      binding: ref('BindingRef'),
      observedBindingSeq: integer('The binding generation (its `binding` subject sequence) this decision answers.'),
      clusters: array(object({ name: string(), replicas: integer() }, ['name']), 'The target clusters and their replicas.'),
      gracefulEvictionTasks: array(anyObject()),
      scheduledCondition: anyObject('The Scheduled condition.'),
      schedulerObservingAffinityName: string(),
      lastScheduledTime: string(undefined, { format: 'date-time' }),
      appliedPlacement: string("The placement this decision applied (Karmada's policy.karmada.io/applied-placement annotation), JSON."),
      explanation: array(ref('ClusterExplanation'), 'Why each cluster no filter rejected was or was not chosen (schema version 1: every cluster).'),
      rejected: array(ref('RejectedClusters'), 'The clusters filter plugins rejected, grouped by plugin and reasons (absent in schema version 1).'),
      unhealthySince: stringMap('Application failover: since when (RFC 3339) the workload has been Unhealthy in each target cluster.'),
      failback: { ...ref('FailbackPlan'), description: 'Failback (beyond Karmada): where the replicas go back to once the evicted clusters recover.' },
    },
    ['binding', 'observedBindingSeq', 'clusters', 'gracefulEvictionTasks', 'scheduledCondition', 'explanation'],
  ),
  WorkRendered: objectOf<WorkRenderedData>()(
    {
      work: { ...ref('KubeObject'), description: 'The whole Work without status.' },
      binding: { ...ref('BindingRef'), description: 'Absent for Works no binding owns (namespace auto-propagation).' },
      cluster: string('The target member cluster.'),
      sealedManifests: array(ref('SealedManifest'), 'The manifests that are Secrets whose values the executor reads from the encrypted store before applying.'),
      renderedFrom: string("binding-svc's digest of what the Work was rendered from: a reconcile that finds the same one renders nothing."),
    },
    ['work', 'cluster'],
  ),
  WorkDeletionRequested: objectOf<WorkDeletionRequestedData>()(
    { work: ref('KubeObject'), binding: { ...ref('BindingRef'), description: 'Absent for Works no binding owns.' }, cluster: string() },
    ['work', 'cluster'],
  ),
  WorkStatusReported: objectOf<WorkStatusReportedData>()(
    {
      work: ref('WorkRef'),
      observedWorkSeq: integer('The sequence of the `work` subject event this report is about.'),
      status: anyObject("The Work's whole status: conditions (Applied, Dispatching) and manifest statuses."),
    },
    ['work', 'observedWorkSeq', 'status'],
  ),
  DriftCorrected: objectOf<DriftCorrectedData>()(
    {
      work: ref('WorkRef'),
      object: object({ apiVersion: string(), kind: string(), namespace: string(), name: string() }, ['apiVersion', 'kind', 'name'], 'The member object that was put back.'),
      fields: array(object({ path: string(), from: {}, to: {} }, ['path']), 'Which fields changed, from what to what (for Secrets, keyed digests of the values).'),
    },
    ['work', 'object', 'fields'],
  ),
  WorkCleanedUp: objectOf<WorkCleanedUpData>()(
    { work: ref('WorkRef'), preserved: boolean("True when the member object was kept and only Karmada's labels and annotations were stripped.") },
    ['work', 'preserved'],
  ),
  BindingStatusAggregated: objectOf<BindingStatusAggregatedData>()(
    { binding: ref('BindingRef'), aggregatedStatus: array(anyObject()), conditions: array(anyObject(), 'FullyApplied and the other binding conditions.') },
    ['binding', 'aggregatedStatus', 'conditions'],
  ),
  BindingCleanedUp: objectOf<BindingCleanedUpData>()({ binding: ref('BindingRef'), template: ref('TemplateRef') }, ['binding', 'template']),
};
