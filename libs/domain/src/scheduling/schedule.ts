import type { Cluster } from '../api/cluster.js';
import type { ClusterAffinityTerm } from '../api/policy.js';
import type { ResourceBindingSpec, ResourceBindingStatus, TargetCluster } from '../api/work.js';
import { ScheduledReason } from '../api/well-known.js';
import { InvalidQuantityError } from '../quantity/quantity.js';
import { assertNever } from './assert-never.js';
import { rescheduleRequired, withPlacementDefaults } from './binding-facts.js';
import { buildClusterSnapshot, isClusterSnapshot, type ClusterSnapshot } from './cluster-snapshot.js';
import type { ClusterExplanation } from './explanation.js';
import type { SchedulerPlugin } from './framework.js';
import { compileReplicaRequest, type ReplicaRequest } from './general-estimator.js';
import { GenericScheduler, type Attempt } from './generic-scheduler.js';
import { failed } from './outcome.js';
import { defaultSchedulerPlugins } from './plugins/registry.js';
import { schedulingContext } from './scheduling-context.js';
import type { SchedulingError, SchedulingOutcome } from './scheduling-error.js';

export interface ScheduleInput {
  readonly spec: ResourceBindingSpec;
  readonly status?: ResourceBindingStatus;
  /** Every cluster, or a snapshot built once with buildClusterSnapshot and shared by many decisions. */
  readonly clusters: readonly Cluster[] | ClusterSnapshot;
  /** Defaults to Karmada's in-tree plugins. */
  readonly plugins?: readonly SchedulerPlugin[];
  /** Karmada's --enable-empty-workload-propagation: keep selected clusters that got 0 replicas in the result. */
  readonly enableEmptyWorkloadPropagation?: boolean;
}

export interface AffinityAttempt {
  readonly affinityName: string;
  readonly error?: SchedulingError;
}

export const ScheduleEventReason = { Succeed: 'ScheduleBindingSucceed', Failed: 'ScheduleBindingFailed' } as const;
export const successfulSchedulingMessage = 'Binding has been scheduled successfully.';

export interface ScheduleResult {
  /** The Scheduled condition to set (without lastTransitionTime, which the caller stamps). */
  readonly condition: {
    readonly type: 'Scheduled';
    readonly status: 'True' | 'False';
    readonly reason: (typeof ScheduledReason)[keyof typeof ScheduledReason];
    readonly message: string;
  };
  readonly error?: SchedulingError;
  /** Karmada retries Unschedulable and SchedulerError with backoff; Success and NoClusterFit wait for a change. */
  readonly retry: boolean;
  /**
   * The new spec.clusters, sorted by name, to write together with the applied-placement annotation (= spec.placement);
   * undefined when the binding must be left as it is. A FitError clears the result ([]), as Karmada does.
   */
  readonly clusters?: TargetCluster[];
  /** The clusterAffinities term that succeeded, for status.schedulerObservingAffinityName; undefined: leave it. */
  readonly affinityName?: string;
  /** One per cluster of the snapshot, sorted by name. */
  readonly explanations: readonly ClusterExplanation[];
  /** clusterAffinities only: every term tried, in order. */
  readonly attempts: readonly AffinityAttempt[];
  readonly event: { readonly type: 'Normal' | 'Warning'; readonly reason: string; readonly message: string };
}

/**
 * Karmada's scheduler for one binding: filter → score → select → assign, trying the clusterAffinities terms in order
 * from the one observed last (from the first in Fresh mode) until one succeeds. If none does, the first term's
 * error is the result. Pure: the same input gives the same decision whatever order the clusters came in.
 */
export function schedule(input: ScheduleInput): ScheduleResult {
  const { spec } = input;
  const status = input.status ?? {};
  if (!spec.placement) return resultOf(failed('SchedulerError', 'failed to get placement from the binding'), [], []);
  let request: ReplicaRequest | undefined;
  try {
    request = compileReplicaRequest(spec.replicaRequirements);
  } catch (error) {
    if (error instanceof InvalidQuantityError) return resultOf(failed('SchedulerError', `invalid replicaRequirements: ${error.message}`), [], []);
    throw error;
  }
  const snapshot = isClusterSnapshot(input.clusters) ? input.clusters : buildClusterSnapshot(input.clusters);
  const scheduler = new GenericScheduler(snapshot, input.plugins ?? defaultSchedulerPlugins, request, input.enableEmptyWorkloadPropagation ?? false);
  const placement = withPlacementDefaults(spec.placement);

  const terms = placement.clusterAffinities ?? [];
  if (terms.length === 0) {
    const attempt = scheduler.run(schedulingContext(spec, placement, status, undefined));
    return resultOf(attempt.outcome, attempt.explanations, []);
  }

  const attempts: AffinityAttempt[] = [];
  let first: Attempt | undefined;
  for (let index = firstTermIndex(terms, spec, status); index < terms.length; index++) {
    const term = terms[index]!;
    const attempt = scheduler.run(schedulingContext(spec, placement, status, term));
    attempts.push(attempt.outcome.ok ? { affinityName: term.affinityName } : { affinityName: term.affinityName, error: attempt.outcome.error });
    if (attempt.outcome.ok) return resultOf(attempt.outcome, attempt.explanations, attempts, term.affinityName);
    first ??= attempt;
  }
  return resultOf(first!.outcome, first!.explanations, attempts);
}

/** The observed term (or the first when none is observed or it is gone); the first in Fresh mode. */
function firstTermIndex(terms: readonly ClusterAffinityTerm[], spec: ResourceBindingSpec, status: ResourceBindingStatus): number {
  if (rescheduleRequired(spec, status)) return 0;
  const observed = status.schedulerObservingAffinityName;
  return Math.max(0, observed ? terms.findIndex((term) => term.affinityName === observed) : 0);
}

function resultOf(
  outcome: SchedulingOutcome<TargetCluster[]>,
  explanations: readonly ClusterExplanation[],
  attempts: readonly AffinityAttempt[],
  affinityName?: string,
): ScheduleResult {
  if (outcome.ok) {
    const listed = outcome.value.map(({ name, replicas }) => `${name}:${replicas ?? 0}`).join(', ');
    return {
      condition: { type: 'Scheduled', status: 'True', reason: ScheduledReason.Success, message: successfulSchedulingMessage },
      retry: false,
      clusters: outcome.value,
      ...(affinityName === undefined ? {} : { affinityName }),
      explanations,
      attempts,
      event: { type: 'Normal', reason: ScheduleEventReason.Succeed, message: `${successfulSchedulingMessage} Result: {${listed}}` },
    };
  }
  const { error } = outcome;
  const failure = { error, explanations, attempts, event: { type: 'Warning', reason: ScheduleEventReason.Failed, message: error.message } } as const;
  switch (error.kind) {
    case 'FitError':
      return { ...failure, condition: falseCondition(ScheduledReason.NoClusterFit, error.message), retry: false, clusters: [] };
    case 'Unschedulable':
      return { ...failure, condition: falseCondition(ScheduledReason.Unschedulable, error.message), retry: true };
    case 'SchedulerError':
      return { ...failure, condition: falseCondition(ScheduledReason.SchedulerError, error.message), retry: true };
    default:
      return assertNever(error);
  }
}

function falseCondition(reason: ScheduleResult['condition']['reason'], message: string): ScheduleResult['condition'] {
  return { type: 'Scheduled', status: 'False', reason, message };
}
