import type { Placement } from '../api/policy.js';
import type { ResourceBindingSpec, ResourceBindingStatus } from '../api/work.js';
import type { ClusterMatcher } from './cluster-affinity-matcher.js';
import type { ClusterView } from './cluster-snapshot.js';

/** The scheduling framework's plugin contract, after Karmada's pkg/scheduler/framework. */

export type ResultCode = 'Success' | 'Unschedulable' | 'Error';

/**
 * What a plugin says about a cluster. `reasons` use Karmada's wording: the FitError message counts them.
 * `detail` is ours: a sharper explanation for humans that never enters that message.
 */
export interface PluginResult {
  readonly code: ResultCode;
  readonly reasons: readonly string[];
  readonly detail?: string;
}

export const successResult: PluginResult = Object.freeze({ code: 'Success', reasons: Object.freeze([]) });

export function unschedulableResult(reason: string, detail?: string): PluginResult {
  return detail === undefined ? { code: 'Unschedulable', reasons: [reason] } : { code: 'Unschedulable', reasons: [reason], detail };
}

/** The cluster affinity in force for one scheduling attempt. */
export interface AffinityInForce {
  /** The clusterAffinities term being tried; undefined for a plain clusterAffinity. */
  readonly termName?: string;
  /** Tier 0 is the affinity itself, tiers 1.. are the term's overflowAffinities in order. */
  readonly tiers: readonly ClusterMatcher[];
  /** How many tiers the ClusterAffinity filter accepts: overflow tiers only count for workloads. */
  readonly filterTiers: number;
  /** The term declares overflowAffinities, so replicas are assigned tier by tier. */
  readonly overflow: boolean;
}

/** Everything a plugin may consult, built once per binding and affinity attempt. */
export interface SchedulingContext {
  readonly spec: ResourceBindingSpec;
  /** servedKindKey of the template's apiVersion and kind. */
  readonly servedKind: string;
  /** spec.placement with Karmada's defaults applied. */
  readonly placement: Placement;
  /** The binding status as this attempt sees it (schedulerObservingAffinityName = the term being tried). */
  readonly status: ResourceBindingStatus;
  /** spec.clusters: the current result, cluster name → replicas. */
  readonly scheduled: ReadonlyMap<string, number>;
  /** Clusters named in spec.gracefulEvictionTasks. */
  readonly evicting: ReadonlySet<string>;
  /** undefined when the placement has no affinity: every cluster matches. */
  readonly affinity: AffinityInForce | undefined;
  readonly workload: boolean;
}

export interface FilterPlugin {
  readonly name: string;
  filter(context: SchedulingContext, cluster: ClusterView): PluginResult;
}

export interface ScorePlugin {
  readonly name: string;
  /** Between 0 and 100; the scheduler adds the scores of all score plugins. */
  score(context: SchedulingContext, cluster: ClusterView): number;
}

/** A registry entry: a plugin may filter, score, or both. */
export type SchedulerPlugin = { readonly name: string } & (
  | (FilterPlugin & Partial<ScorePlugin>)
  | (ScorePlugin & Partial<FilterPlugin>)
);

export const MIN_CLUSTER_SCORE = 0;
export const MAX_CLUSTER_SCORE = 100;
