/**
 * The events of the propagation pipeline (docs/event-model.md): claims and bindings (policy-svc), placements
 * (scheduler-svc), Works and binding status (binding-svc), and what the executor did in the members (executor-svc).
 * Every event is fat: it carries the whole new state of its aggregate, so a consumer never needs an earlier event,
 * and the writer's next decision starts from the head of its own subject.
 */
import { defineEventType, type EnvelopeOf } from '../event-type.js';
import type { KubeObjectJson } from './resource-events.js';
import type { GroupResourceJson } from './status-events.js';
import type { SealedSecretData } from './template-events.js';

/** A template a claim or a binding is about. */
export interface TemplateRefJson {
  readonly resource: GroupResourceJson;
  readonly apiVersion: string;
  readonly kind: string;
  /** Undefined for cluster-scoped templates. */
  readonly namespace?: string;
  readonly name: string;
  readonly uid: string;
}

/** The policy that claims a template. */
export interface ClaimingPolicyJson {
  readonly kind: 'PropagationPolicy' | 'ClusterPropagationPolicy';
  /** Undefined for ClusterPropagationPolicies. */
  readonly namespace?: string;
  readonly name: string;
  readonly permanentId: string;
}

/**
 * policy-svc claims a template for a policy (`claim` aggregate). The labels and annotations are Karmada's claim
 * metadata; the gateway merges them into the template it serves, so `kubectl get -o yaml` shows them as in Karmada.
 */
export interface TemplateClaimedData {
  readonly template: TemplateRefJson;
  readonly policy: ClaimingPolicyJson;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

export const TemplateClaimed = defineEventType<'TemplateClaimed', TemplateClaimedData>('TemplateClaimed', { version: 1 });
export type TemplateClaimed = EnvelopeOf<typeof TemplateClaimed>;

/** policy-svc releases a template's claim (its policy was deleted or no longer matches; the template was deleted). */
export interface TemplateClaimReleasedData {
  readonly template: TemplateRefJson;
  readonly policy: ClaimingPolicyJson;
  /** Why, in Karmada's words where it has them (PolicyDeleted, NoLongerMatches, TemplateDeleted). */
  readonly reason: string;
}

export const TemplateClaimReleased = defineEventType<'TemplateClaimReleased', TemplateClaimReleasedData>(
  'TemplateClaimReleased',
  { version: 1 },
);
export type TemplateClaimReleased = EnvelopeOf<typeof TemplateClaimReleased>;

/**
 * policy-svc's (Cluster)ResourceBinding (`binding` aggregate): the whole object as the detector builds it, WITHOUT
 * `spec.clusters`, `spec.gracefulEvictionTasks` (the scheduler's, in PlacementDecided) and `status`.
 * `deleting` marks a binding whose template is gone: its Works are being removed, then BindingCleanedUp follows.
 */
export interface BindingUpsertedData {
  readonly binding: KubeObjectJson;
  readonly deleting?: boolean;
}

export const BindingUpserted = defineEventType<'BindingUpserted', BindingUpsertedData>('BindingUpserted', { version: 1 });
export type BindingUpserted = EnvelopeOf<typeof BindingUpserted>;

/** A binding's identity in events that are not about its content. */
export interface BindingRefJson {
  readonly kind: 'ResourceBinding' | 'ClusterResourceBinding';
  /** Undefined for ClusterResourceBindings. */
  readonly namespace?: string;
  readonly name: string;
  readonly uid: string;
}

/** One cluster as the scheduler saw it for one decision: why it was or was not chosen (beyond Karmada: explain). */
export interface ClusterExplanationJson {
  readonly cluster: string;
  /**
   * Schema version 1 only: the filter plugin that rejected it, and its reasons (version 2 groups the rejected
   * clusters in `rejected`).
   */
  readonly rejectedBy?: { readonly plugin: string; readonly reasons: readonly string[] };
  readonly score?: number;
  readonly availableReplicas?: number;
  readonly assignedReplicas?: number;
}

/** The clusters one filter plugin rejected for the same reasons, in one decision. */
export interface RejectedClustersJson {
  readonly plugin: string;
  readonly reasons: readonly string[];
  readonly clusters: readonly string[];
}

/**
 * scheduler-svc's decision for a binding (`placement` aggregate): the target clusters with their replicas, the
 * graceful eviction tasks, the Scheduled condition and the per-cluster explanation. The gateway serves clusters and
 * eviction tasks in the binding's spec and the rest in its status.
 */
export interface PlacementDecidedData {
  readonly binding: BindingRefJson;
  /** The binding generation (its `binding` subject sequence) this decision answers. */
  readonly observedBindingSeq: number;
  readonly clusters: readonly { readonly name: string; readonly replicas?: number }[];
  readonly gracefulEvictionTasks: readonly Readonly<Record<string, unknown>>[];
  /** The Scheduled condition. */
  readonly scheduledCondition: Readonly<Record<string, unknown>>;
  readonly schedulerObservingAffinityName?: string;
  readonly lastScheduledTime?: string;
  /** The placement this decision applied (Karmada's policy.karmada.io/applied-placement annotation), JSON. */
  readonly appliedPlacement?: string;
  /** Each cluster no filter rejected (in schema version 1: every cluster). */
  readonly explanation: readonly ClusterExplanationJson[];
  /**
   * The clusters filter plugins rejected, grouped by plugin and reasons: in a large fleet most clusters fail one
   * filter alike (every cluster outside the affinity), and one entry each made a decision grow with the fleet.
   * Absent in schema version 1.
   */
  readonly rejected?: readonly RejectedClustersJson[];
  /** Application failover: since when the workload has been Unhealthy in each target cluster (cluster → time). */
  readonly unhealthySince?: Readonly<Record<string, string>>;
  /** Failback (beyond Karmada): where the replicas go back to once the clusters they were evicted from recover. */
  readonly failback?: FailbackPlanJson;
}

/** A binding's pending failback: the placement before the first NoExecute eviction, and how far the return got. */
export interface FailbackPlanJson {
  readonly clusters: readonly { readonly name: string; readonly replicas?: number }[];
  readonly evictedClusters: readonly string[];
  readonly replicas: number;
  readonly appliedPlacement?: string;
  readonly returningSince?: string;
}

/**
 * Version 2 moved the rejected clusters from `explanation` into `rejected`. A version 1 decision reads as version 2
 * as it is (its rejections stay in `explanation`, each with its `rejectedBy`), so its upcaster changes nothing.
 */
export const PlacementDecided = defineEventType<'PlacementDecided', PlacementDecidedData>('PlacementDecided', {
  version: 2,
  upcasters: { 1: (v1: PlacementDecidedData) => v1 },
});
export type PlacementDecided = EnvelopeOf<typeof PlacementDecided>;

/**
 * binding-svc's Work for one target cluster (`work` aggregate): the whole Work without status. `binding` names the
 * binding the Work was rendered from; it is absent for Works that no binding owns (a Namespace sent to every cluster
 * by namespace auto-propagation: the Work's owner reference names the Namespace).
 */
export interface WorkRenderedData {
  readonly work: KubeObjectJson;
  readonly binding?: BindingRefJson;
  readonly cluster: string;
  /**
   * The manifests that are Secrets with sealed values: their `data` (and the annotations that repeat it) are not in
   * the manifest, executor-svc reads them from the encrypted store right before it applies. A new version of the
   * values (another ref and digest) is a new WorkRendered. Absent when no manifest is sealed.
   */
  readonly sealedManifests?: readonly SealedManifestJson[];
  /**
   * binding-svc's own bookkeeping: a digest of what the Work was rendered from (its template, binding and placement,
   * the Clusters and override policies). A later reconcile that finds the same digest knows rendering again would
   * give this Work, and renders nothing. Absent on Works rendered before it was introduced.
   */
  readonly renderedFrom?: string;
}

/** One manifest of a Work whose values are in the encrypted store: which one, and where its values are. */
export interface SealedManifestJson extends SealedSecretData {
  /** Its position in the Work's spec.workload.manifests. */
  readonly manifestIndex: number;
  /** The Secret template's namespace and name: with `ref`, the key of the values in the store. */
  readonly namespace: string;
  readonly name: string;
}

export const WorkRendered = defineEventType<'WorkRendered', WorkRenderedData>('WorkRendered', { version: 1 });
export type WorkRendered = EnvelopeOf<typeof WorkRendered>;

/**
 * binding-svc removes a Work (its cluster is no longer targeted, or its binding is being deleted). The Work stays,
 * terminating, until the executor has removed what it applied in the member (WorkCleanedUp).
 */
export interface WorkDeletionRequestedData {
  readonly work: KubeObjectJson;
  /** As in WorkRenderedData: absent for Works no binding owns. */
  readonly binding?: BindingRefJson;
  readonly cluster: string;
}

export const WorkDeletionRequested = defineEventType<'WorkDeletionRequested', WorkDeletionRequestedData>(
  'WorkDeletionRequested',
  { version: 1 },
);
export type WorkDeletionRequested = EnvelopeOf<typeof WorkDeletionRequested>;

/** A Work's identity in the executor's events. */
export interface WorkRefJson {
  /** `karmada-es-<cluster>`. */
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly cluster: string;
}

/**
 * executor-svc's report on a Work (`workstatus` aggregate): the Work's whole status — the Applied condition (and
 * Dispatching) and the manifest statuses (identifier, reflected status, health) observed in the member.
 */
export interface WorkStatusReportedData {
  readonly work: WorkRefJson;
  /** The sequence of the `work` subject event this report is about. */
  readonly observedWorkSeq: number;
  readonly status: Readonly<Record<string, unknown>>;
}

export const WorkStatusReported = defineEventType<'WorkStatusReported', WorkStatusReportedData>('WorkStatusReported', {
  version: 1,
});
export type WorkStatusReported = EnvelopeOf<typeof WorkStatusReported>;

/**
 * Beyond Karmada, which overwrites silently: an object changed in a member out of band was put back, and this records
 * which fields changed and from what to what.
 */
export interface DriftCorrectedData {
  readonly work: WorkRefJson;
  readonly object: { readonly apiVersion: string; readonly kind: string; readonly namespace?: string; readonly name: string };
  /** For Secrets, values (data, stringData, sealed annotations) are keyed digests, never the values themselves. */
  readonly fields: readonly { readonly path: string; readonly from?: unknown; readonly to?: unknown }[];
}

export const DriftCorrected = defineEventType<'DriftCorrected', DriftCorrectedData>('DriftCorrected', { version: 1 });
export type DriftCorrected = EnvelopeOf<typeof DriftCorrected>;

/** executor-svc removed (or, with preserveResourcesOnDeletion, released) what a deleted Work had applied. */
export interface WorkCleanedUpData {
  readonly work: WorkRefJson;
  /** True when the member object was kept and only Karmada's labels and annotations were stripped. */
  readonly preserved: boolean;
}

export const WorkCleanedUp = defineEventType<'WorkCleanedUp', WorkCleanedUpData>('WorkCleanedUp', { version: 1 });
export type WorkCleanedUp = EnvelopeOf<typeof WorkCleanedUp>;

/** binding-svc's aggregation of a binding's Works (`bindingstatus` aggregate): aggregatedStatus and FullyApplied. */
export interface BindingStatusAggregatedData {
  readonly binding: BindingRefJson;
  readonly aggregatedStatus: readonly Readonly<Record<string, unknown>>[];
  readonly conditions: readonly Readonly<Record<string, unknown>>[];
}

export const BindingStatusAggregated = defineEventType<'BindingStatusAggregated', BindingStatusAggregatedData>(
  'BindingStatusAggregated',
  { version: 1 },
);
export type BindingStatusAggregated = EnvelopeOf<typeof BindingStatusAggregated>;

/** binding-svc: every Work of a deleting binding has been cleaned up in its member; the template may go. */
export interface BindingCleanedUpData {
  readonly binding: BindingRefJson;
  readonly template: TemplateRefJson;
}

export const BindingCleanedUp = defineEventType<'BindingCleanedUp', BindingCleanedUpData>('BindingCleanedUp', { version: 1 });
export type BindingCleanedUp = EnvelopeOf<typeof BindingCleanedUp>;

/** Every propagation event type, for the registries of the services that read them. */
export const propagationEventTypes = [
  TemplateClaimed,
  TemplateClaimReleased,
  BindingUpserted,
  PlacementDecided,
  WorkRendered,
  WorkDeletionRequested,
  WorkStatusReported,
  DriftCorrected,
  WorkCleanedUp,
  BindingStatusAggregated,
  BindingCleanedUp,
] as const;
