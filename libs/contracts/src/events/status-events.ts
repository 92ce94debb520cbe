/**
 * Status that controllers report about objects the gateway serves, each on an aggregate of its own writer
 * (docs/event-model.md). The gateway merges them into the objects it serves; a status event never touches a
 * `template` subject.
 */
import { defineEventType, type EnvelopeOf } from '../event-type.js';

/** A resource type by its API group and plural name (`''` for the core group). */
export interface GroupResourceJson {
  readonly group: string;
  readonly resource: string;
}

/** The status of a resource template, aggregated from the member clusters (binding-svc, `templatestatus`). */
export interface TemplateStatusAggregatedData {
  readonly resource: GroupResourceJson;
  /** Undefined for cluster-scoped templates. */
  readonly namespace?: string;
  readonly name: string;
  /** The uid of the template the status describes: a status of an earlier object of the same name is not shown. */
  readonly uid?: string;
  /** Becomes the template's `.status`. */
  readonly status: Readonly<Record<string, unknown>>;
}

export const TemplateStatusAggregated = defineEventType<'TemplateStatusAggregated', TemplateStatusAggregatedData>(
  'TemplateStatusAggregated',
  { version: 1 },
);
export type TemplateStatusAggregated = EnvelopeOf<typeof TemplateStatusAggregated>;

/** A Cluster taint (cluster.karmada.io/v1alpha1). */
export interface ClusterTaintJson {
  readonly key: string;
  readonly value?: string;
  readonly effect: string;
  readonly timeAdded?: string;
}

/** A Cluster's status and its controller-owned taints, as cluster-svc collected them (`clusterstatus`). */
export interface ClusterStatusCollectedData {
  readonly name: string;
  /** The uid of the Cluster the status describes: a status of an earlier Cluster of the same name is not shown. */
  readonly uid?: string;
  /** Becomes the Cluster's `.status`. */
  readonly status: Readonly<Record<string, unknown>>;
  /** Taints the controllers manage (not-ready, unreachable …): served in `spec.taints` after the user's own. */
  readonly controllerTaints?: readonly ClusterTaintJson[];
}

export const ClusterStatusCollected = defineEventType<'ClusterStatusCollected', ClusterStatusCollectedData>(
  'ClusterStatusCollected',
  { version: 1 },
);
export type ClusterStatusCollected = EnvelopeOf<typeof ClusterStatusCollected>;
