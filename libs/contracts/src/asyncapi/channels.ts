/**
 * The channels of the event log: one per aggregate token, with its writer, its subject as the {@link Subjects}
 * builder makes it, and the event types appended there. Every event type of this library is listed on exactly one
 * channel (the AsyncAPI test checks it), so the document says where to subscribe for each one.
 */
import type { EventType } from '../event-type.js';
import { DeadLettered } from '../events/dead-lettered.js';
import { FinalizerReleased } from '../events/finalizer-events.js';
import {
  BindingCleanedUp,
  BindingStatusAggregated,
  BindingUpserted,
  DriftCorrected,
  PlacementDecided,
  TemplateClaimed,
  TemplateClaimReleased,
  WorkCleanedUp,
  WorkDeletionRequested,
  WorkRendered,
  WorkStatusReported,
} from '../events/propagation-events.js';
import { ResourceDeleted, ResourceUpserted } from '../events/resource-events.js';
import { ClusterStatusCollected, TemplateStatusAggregated } from '../events/status-events.js';
import { ResourceCreated, ResourceUpdated } from '../events/template-events.js';
import { aggregates, type Subjects } from '../subjects.js';

/** One event type on a channel, with a one-line summary of what it records. */
export interface ChannelEvent {
  readonly type: EventType<string, unknown>;
  readonly summary: string;
}

export interface EventChannel {
  /** The aggregate token (from `aggregates`), the second token of every subject of the channel. */
  readonly aggregate: string;
  /** The service that appends to the channel (one writer per aggregate token). */
  readonly writer: string;
  readonly description: string;
  /** The variable tokens of the subject after the instance, with what each one holds. */
  readonly parameters: Readonly<Record<string, string>>;
  /** The subject of one aggregate instance, built by {@link Subjects} from the values of the parameters. */
  subject(subjects: Subjects, values: Readonly<Record<string, string>>): string;
  readonly events: readonly ChannelEvent[];
}

const resourceToken = 'The resource as `<plural>.<group>` (`deployments.apps`), the plural alone for the core group (`configmaps`), encoded.';
const namespaceToken = 'The namespace, encoded; `_` for cluster-scoped objects.';
const nameToken = 'The object name, encoded.';
const kindOf = (values: Readonly<Record<string, string>>) => ({ group: '', resource: values['resource']! });

export const eventChannels: readonly EventChannel[] = [
  {
    aggregate: aggregates.template,
    writer: 'api-gateway',
    description:
      'Every object a user creates, changes or deletes through the Kubernetes API: resource templates, namespaces, CRDs, (Cluster)PropagationPolicies, (Cluster)OverridePolicies, Cluster specs, Secrets (a reference and a digest, never the data). The full object without status; ResourceDeleted closes the sequence.',
    parameters: { resource: resourceToken, namespace: namespaceToken, name: nameToken },
    subject: (s, v) => s.template(kindOf(v), v['namespace'], v['name']!),
    events: [
      { type: ResourceCreated, summary: 'An object was created.' },
      { type: ResourceUpdated, summary: 'An object was changed (spec, metadata, or through the status or scale subresource).' },
      { type: ResourceDeleted, summary: 'An object is gone (after its finalizers were released).' },
      { type: ResourceUpserted, summary: 'An object was created or changed (written by earlier versions; still found in old streams).' },
    ],
  },
  {
    aggregate: aggregates.templateStatus,
    writer: 'binding-svc',
    description: "A resource template's status aggregated from the member clusters; the gateway serves it as the template's `.status`.",
    parameters: { resource: resourceToken, namespace: namespaceToken, name: nameToken },
    subject: (s, v) => s.templateStatus(kindOf(v), v['namespace'], v['name']!),
    events: [{ type: TemplateStatusAggregated, summary: "A template's aggregated status changed." }],
  },
  {
    aggregate: aggregates.clusterStatus,
    writer: 'cluster-svc',
    description: "A Cluster's status (version, API enablements, conditions, node and resource summaries) and its controller-owned taints.",
    parameters: { name: 'The Cluster name, encoded.' },
    subject: (s, v) => s.clusterStatus(v['name']!),
    events: [{ type: ClusterStatusCollected, summary: "A Cluster's status or controller taints changed." }],
  },
  {
    aggregate: aggregates.finalizer,
    writer: 'each controller that holds a finalizer',
    description: '"My cleanup for this object is done": the gateway then removes that controller\'s finalizer, and deletes the object when it was being deleted and none remains.',
    parameters: { service: 'The controller service (policy-svc, cluster-svc …), encoded.', resource: resourceToken, namespace: namespaceToken, name: nameToken },
    subject: (s, v) => s.finalizer(v['service']!, kindOf(v), v['namespace'], v['name']!),
    events: [{ type: FinalizerReleased, summary: 'A controller finished its cleanup of an object.' }],
  },
  {
    aggregate: aggregates.claim,
    writer: 'policy-svc',
    description: "Which (Cluster)PropagationPolicy claims a template (Karmada's claim labels and annotations).",
    parameters: { resource: resourceToken, namespace: namespaceToken, name: nameToken },
    subject: (s, v) => s.claim(kindOf(v), v['namespace'], v['name']!),
    events: [
      { type: TemplateClaimed, summary: 'A policy claimed a template.' },
      { type: TemplateClaimReleased, summary: "A template's claim was released." },
    ],
  },
  {
    aggregate: aggregates.binding,
    writer: 'policy-svc',
    description: '(Cluster)ResourceBinding specs without the scheduling result.',
    parameters: { namespace: 'The namespace of the ResourceBinding, encoded; `_` for ClusterResourceBindings.', name: nameToken },
    subject: (s, v) => s.binding(v['namespace'], v['name']!),
    events: [{ type: BindingUpserted, summary: 'A binding was created or changed, or its template is being deleted.' }],
  },
  {
    aggregate: aggregates.placement,
    writer: 'scheduler-svc',
    description: 'Scheduling decisions: target clusters and replicas, the Scheduled condition, the per-cluster explanation, eviction tasks.',
    parameters: { namespace: 'The namespace of the binding, encoded; `_` for ClusterResourceBindings.', name: 'The binding name, encoded.' },
    subject: (s, v) => s.placement(v['namespace'], v['name']!),
    events: [{ type: PlacementDecided, summary: 'The scheduler decided (again) where a binding goes.' }],
  },
  {
    aggregate: aggregates.bindingStatus,
    writer: 'binding-svc',
    description: 'The aggregated status of a binding and the end of its cleanup.',
    parameters: { namespace: 'The namespace of the binding, encoded; `_` for ClusterResourceBindings.', name: 'The binding name, encoded.' },
    subject: (s, v) => s.bindingStatus(v['namespace'], v['name']!),
    events: [
      { type: BindingStatusAggregated, summary: "A binding's aggregated status or conditions changed." },
      { type: BindingCleanedUp, summary: 'Every Work of a deleting binding was cleaned up in its member; the template may go.' },
    ],
  },
  {
    aggregate: aggregates.work,
    writer: 'binding-svc',
    description: 'Rendered Works, one per binding and target cluster, in the execution namespace `karmada-es-<cluster>`.',
    parameters: { namespace: 'The execution namespace `karmada-es-<cluster>`, encoded.', name: 'The Work name, encoded.' },
    subject: (s, v) => s.work(v['namespace']!, v['name']!),
    events: [
      { type: WorkRendered, summary: 'A Work was rendered (created or changed) for a member cluster.' },
      { type: WorkDeletionRequested, summary: 'A Work is to be removed from its member cluster.' },
    ],
  },
  {
    aggregate: aggregates.workStatus,
    writer: 'executor-svc',
    description: 'What the executor did with a Work in its member cluster: apply results, observed status and health, drift, removal.',
    parameters: { namespace: 'The execution namespace `karmada-es-<cluster>`, encoded.', name: 'The Work name, encoded.' },
    subject: (s, v) => s.workStatus(v['namespace']!, v['name']!),
    events: [
      { type: WorkStatusReported, summary: "A Work's status in its member cluster changed." },
      { type: DriftCorrected, summary: 'An object changed in a member out of band was put back.' },
      { type: WorkCleanedUp, summary: 'What a deleted Work had applied was removed (or released) in its member.' },
    ],
  },
  {
    aggregate: aggregates.deadLetter,
    writer: 'every durable consumer',
    description: 'Messages a consumer gave up on after its delivery limit, with the error and the original message.',
    parameters: { durable: 'The durable consumer name `<service>-<purpose>`, encoded.' },
    subject: (s, v) => s.deadLetter(v['durable']!),
    events: [{ type: DeadLettered, summary: 'A consumer gave up on a message.' }],
  },
];
