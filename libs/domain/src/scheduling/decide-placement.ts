import type { Condition } from '../api/meta.js';
import type { FailoverBehavior, Placement, PurgeMode } from '../api/policy.js';
import { DefaultSchedulerName, KarmadaLabel } from '../api/well-known.js';
import type { AggregatedStatusItem, AnyResourceBinding, GracefulEvictionTask, ResourceBindingSpec, ResourceBindingStatus, TargetCluster } from '../api/work.js';
import { sameJson } from '../interpret/unstructured.js';
import { setCondition } from '../status/conditions.js';
import { assertNever } from './assert-never.js';
import { decideApplicationFailover, type UnhealthySince } from './application-failover.js';
import type { ClusterSnapshot } from './cluster-snapshot.js';
import type { ClusterExplanation } from './explanation.js';
import { decideFailback, rememberPlacement, type FailbackOutcome, type FailbackPlan } from './failback.js';
import { assessEvictionTasks, DefaultGracefulEvictionTimeoutSeconds } from './graceful-eviction.js';
import { needsScheduling, type SchedulingTrigger } from './needs-scheduling.js';
import { schedule } from './schedule.js';
import { decideTaintEviction, evictForUntoleratedTaint } from './taint-eviction.js';

/** What the scheduler decided for a binding last: the binding's spec.clusters, eviction tasks and scheduling status. */
export interface PlacementRecord {
  readonly clusters: readonly TargetCluster[];
  readonly gracefulEvictionTasks: readonly GracefulEvictionTask[];
  /** The Scheduled condition; absent until the binding was scheduled once. */
  readonly scheduledCondition?: Condition;
  readonly schedulerObservingAffinityName?: string;
  readonly lastScheduledTime?: string;
  /** The policy.karmada.io/applied-placement annotation: the placement the clusters were chosen for, as JSON. */
  readonly appliedPlacement?: string;
  /** Application failover: since when the workload has been Unhealthy in each target cluster (absent when nowhere). */
  readonly unhealthySince?: UnhealthySince;
  /** Failback (beyond Karmada): where the replicas go back to once the clusters they were evicted from recover. */
  readonly failback?: FailbackPlan;
}

export interface FailoverSettings {
  /** The global switch: NoExecute taints and application failures evict bindings from clusters unless this is false. */
  readonly enabled: boolean;
  /** The purge mode of taint evictions without failover.cluster (--no-execute-taint-eviction-purge-mode). */
  readonly purgeMode?: PurgeMode;
  /**
   * How long an eviction task without gracePeriodSeconds lasts (--graceful-eviction-timeout), in seconds; a failback
   * waits as long for the original clusters to be healthy.
   */
  readonly gracefulEvictionTimeoutSeconds?: number;
}

export interface PlacementInput {
  /** The binding as the detector wrote it: no spec.clusters, no eviction tasks, no status. */
  readonly binding: AnyResourceBinding;
  /** The last decision for this very binding; undefined for a new one. */
  readonly previous: PlacementRecord | undefined;
  readonly clusters: ClusterSnapshot;
  /** The binding's aggregatedStatus (health per cluster): for application failover, eviction tasks and failback. */
  readonly health: readonly AggregatedStatusItem[];
  /** The moment of the decision: the causing event's time, or the deadline a timer waited for. */
  readonly now: string;
  readonly failover: FailoverSettings;
  /** Bindings naming another scheduler are left alone; default-scheduler unless given. */
  readonly schedulerName?: string;
}

export interface PlacementDecision {
  readonly placement: PlacementRecord;
  /**
   * Whether the decision is worth recording: it differs from the previous one (time stamps aside), or a Fresh
   * reschedule ran, whose lastScheduledTime must move past rescheduleTriggeredAt.
   */
  readonly changed: boolean;
  /** Present when the scheduler ran: what became of each cluster in this run. */
  readonly explanation?: readonly ClusterExplanation[];
  /** Why the scheduler ran. */
  readonly trigger?: SchedulingTrigger;
  /** Clusters the NoExecute taint manager evicted the binding from in this decision. */
  readonly evicted: readonly string[];
  /** Clusters application failover evicted the binding from in this decision. */
  readonly failedApplications: readonly string[];
  /** What a failback did in this decision, when one is under way. */
  readonly failback?: FailbackOutcome['state'];
  /**
   * When to decide again though no event comes: a toleration, an application's tolerance, an eviction task or a
   * failback's wait runs out then.
   */
  readonly wakeAt?: string;
}

/**
 * The scheduler's decision for one binding, as Karmada's taint manager, application failover controller, scheduler
 * and graceful-eviction controller would reach it one after the other, plus this project's failback:
 * 1. NoExecute taints (when cluster failover is on for the binding): a target cluster whose taints are not
 *    tolerated (or no longer) is evicted — it leaves the clusters and a graceful eviction task remembers it; a
 *    toleration with tolerationSeconds sets a wake-up;
 * 2. application failover (failover.application, global switch on): a cluster where the workload has been
 *    Unhealthy for longer than tolerationSeconds is evicted the same way (decideApplicationFailover);
 * 3. failback (failback.enabled, Divided workloads): a NoExecute eviction remembers the placement before it; once
 *    the evicted clusters recover the replicas go back, make before break (decideFailback);
 * 4. scheduling, when Karmada's triggers say so (needsScheduling) and the binding is this scheduler's (claimed by a
 *    policy, its schedulerName): a success or a FitError replaces the clusters and the applied placement, every
 *    outcome sets the Scheduled condition. While a failback returns, its extra replicas are no replica change;
 * 5. the eviction tasks are assessed against the new clusters (assessEvictionTasks).
 * Undefined when there is nothing to decide: the binding is being deleted, or it was never placed and is not to be
 * scheduled now (another scheduler's, suspended, no placement).
 */
export function decidePlacement(input: PlacementInput): PlacementDecision | undefined {
  const { binding, previous, now } = input;
  if (binding.metadata.deletionTimestamp) return undefined;
  const ours = takesBinding(binding, input.schedulerName ?? DefaultSchedulerName);

  const tainted = evictFromTaintedClusters(input);
  let spec = tainted.spec;
  let wakeAt = tainted.wakeAt;
  const application = input.failover.enabled
    ? decideApplicationFailover({ kind: binding.kind, spec, health: input.health, unhealthySince: previous?.unhealthySince ?? {}, now })
    : { spec, evicted: [], unhealthySince: {} };
  spec = application.spec;
  if (application.wakeAt) wakeAt = earliest(wakeAt, application.wakeAt);

  let plan = rememberPlacement(previous?.failback, previous?.clusters ?? [], tainted.evicted, spec, previous?.appliedPlacement);
  // An original cluster whose workload failed is no place to return to.
  if (plan && application.evicted.some((name) => plan!.clusters.some((target) => target.name === name))) plan = undefined;
  let failback: FailbackOutcome['state'] | undefined;
  if (ours && plan) {
    const step = decideFailback({ plan, spec, clusters: input.clusters, health: input.health, now, timeoutSeconds: evictionTimeout(input), ...observedAffinity(previous) });
    failback = step.state;
    spec = { ...spec, clusters: [...step.clusters] };
    plan = step.plan;
    if (step.wakeAt) wakeAt = earliest(wakeAt, step.wakeAt);
  }

  let placement: PlacementRecord = { ...withoutFailoverMemory(previous), clusters: spec.clusters ?? [], gracefulEvictionTasks: spec.gracefulEvictionTasks ?? [] };
  let explanation: readonly ClusterExplanation[] | undefined;
  let trigger: SchedulingTrigger | undefined;
  if (ours) {
    const status = statusOf(previous);
    // A returning failback runs more replicas than wanted on purpose: the triggers look at where it is going.
    const returning = plan?.returningSince !== undefined;
    const settled = returning ? { ...spec, clusters: [...plan!.clusters] } : spec;
    const need = needsScheduling({ metadata: binding.metadata, spec: settled, status }, input.clusters, previous?.appliedPlacement);
    if (need.needed) {
      trigger = need.trigger;
      if (returning) {
        plan = undefined;
        failback = 'Abandoned';
      }
      const result = schedule({ spec, status, clusters: input.clusters });
      explanation = result.explanations;
      const condition = setCondition(previous?.scheduledCondition ? [previous.scheduledCondition] : [], result.condition, now)[0]!;
      placement = {
        ...placement,
        scheduledCondition: condition,
        ...(result.clusters ? { clusters: result.clusters, appliedPlacement: JSON.stringify(spec.placement ?? {}) } : {}),
        ...(result.affinityName !== undefined ? { schedulerObservingAffinityName: result.affinityName } : {}),
        ...(result.condition.status === 'True' ? { lastScheduledTime: now } : {}),
      };
    }
  }
  placement = {
    ...placement,
    ...(Object.keys(application.unhealthySince).length > 0 ? { unhealthySince: application.unhealthySince } : {}),
    ...(plan ? { failback: plan } : {}),
  };

  const assessment = assessEvictionTasks(placement.gracefulEvictionTasks, placement.clusters, input.health, now, evictionTimeout(input));
  placement = { ...placement, gracefulEvictionTasks: assessment.tasks };
  if (assessment.nextTimeout) wakeAt = earliest(wakeAt, assessment.nextTimeout);
  if (!previous && !trigger) return undefined;
  return {
    placement,
    changed: !previous || !samePlacement(previous, placement) || trigger === 'RescheduleTriggered',
    ...(explanation ? { explanation } : {}),
    ...(trigger ? { trigger } : {}),
    evicted: tainted.evicted,
    failedApplications: application.evicted,
    ...(failback ? { failback } : {}),
    ...(wakeAt ? { wakeAt } : {}),
  };
}

/** Step 1: the NoExecute taint manager over the clusters of the previous decision. */
function evictFromTaintedClusters(input: PlacementInput): { spec: ResourceBindingSpec; evicted: string[]; wakeAt?: string } {
  const { binding, previous, now } = input;
  let spec: ResourceBindingSpec = {
    ...binding.spec,
    clusters: [...(previous?.clusters ?? [])],
    gracefulEvictionTasks: [...(previous?.gracefulEvictionTasks ?? [])],
  };
  const evicted: string[] = [];
  let wakeAt: string | undefined;
  if (!clusterFailoverEnabled(binding.spec.failover, input.failover.enabled)) return { spec, evicted };
  const applied = parsePlacement(previous?.appliedPlacement);
  for (const target of previous?.clusters ?? []) {
    const view = input.clusters.byName.get(target.name);
    if (!view) continue;
    const eviction = decideTaintEviction(view.cluster.spec.taints, applied, now);
    switch (eviction.action) {
      case 'Evict':
        spec = evictForUntoleratedTaint(spec, target.name, input.failover.purgeMode);
        evicted.push(target.name);
        break;
      case 'RecheckAt':
        wakeAt = earliest(wakeAt, eviction.at);
        break;
      case 'Keep':
        break;
      default:
        assertNever(eviction);
    }
  }
  return { spec, evicted, ...(wakeAt ? { wakeAt } : {}) };
}

function evictionTimeout(input: PlacementInput): number {
  return input.failover.gracefulEvictionTimeoutSeconds ?? DefaultGracefulEvictionTimeoutSeconds;
}

function observedAffinity(previous: PlacementRecord | undefined): { observedAffinityName?: string } {
  return previous?.schedulerObservingAffinityName ? { observedAffinityName: previous.schedulerObservingAffinityName } : {};
}

/** The previous record without what each decision works out anew. */
function withoutFailoverMemory(previous: PlacementRecord | undefined): Partial<PlacementRecord> {
  if (!previous) return {};
  const { unhealthySince: _unhealthy, failback: _failback, ...rest } = previous;
  return rest;
}

/**
 * Whether NoExecute taints evict this binding: on unless the global switch is off, or the policy declared a failover
 * behaviour without a `cluster` part (Karmada's FailoverBehavior: "Cluster … if this value is nil, failover is
 * disabled"). A policy without any failover keeps the default, on.
 */
export function clusterFailoverEnabled(failover: FailoverBehavior | undefined, globallyEnabled: boolean): boolean {
  return globallyEnabled && (failover === undefined || failover.cluster !== undefined);
}

/**
 * Karmada's scheduler queue takes only bindings claimed by a (Cluster)PropagationPolicy, whose schedulerName is its
 * own: a binding whose policy is gone keeps its placement untouched.
 */
export function takesBinding(binding: Pick<AnyResourceBinding, 'metadata' | 'spec'>, schedulerName: string = DefaultSchedulerName): boolean {
  const labels = binding.metadata.labels ?? {};
  const claimed = Boolean(labels[KarmadaLabel.PropagationPolicyPermanentId] || labels[KarmadaLabel.ClusterPropagationPolicyPermanentId]);
  return claimed && (binding.spec.schedulerName || DefaultSchedulerName) === schedulerName;
}

/** Whether two records hold the same decision: the time stamps that only say when it was taken are left out. */
export function samePlacement(a: PlacementRecord, b: PlacementRecord): boolean {
  const decision = (record: PlacementRecord) => ({
      clusters: record.clusters,
      gracefulEvictionTasks: record.gracefulEvictionTasks,
      condition: record.scheduledCondition && {
        status: record.scheduledCondition.status,
        reason: record.scheduledCondition.reason,
        message: record.scheduledCondition.message,
      },
      affinityName: record.schedulerObservingAffinityName,
      appliedPlacement: parsePlacement(record.appliedPlacement) ?? record.appliedPlacement,
      unhealthySince: record.unhealthySince ?? {},
      failback: record.failback,
    });
  return sameJson(decision(a), decision(b));
}

function statusOf(previous: PlacementRecord | undefined): ResourceBindingStatus {
  return {
    ...(previous?.lastScheduledTime ? { lastScheduledTime: previous.lastScheduledTime } : {}),
    ...(previous?.schedulerObservingAffinityName ? { schedulerObservingAffinityName: previous.schedulerObservingAffinityName } : {}),
    ...(previous?.scheduledCondition ? { conditions: [previous.scheduledCondition] } : {}),
  };
}

/** The applied-placement annotation; a value that is not JSON counts as none, so nothing is evicted on its word. */
function parsePlacement(applied: string | undefined): Placement | undefined {
  if (!applied) return undefined;
  try {
    return JSON.parse(applied) as Placement;
  } catch {
    return undefined;
  }
}

function earliest(a: string | undefined, b: string): string {
  return a === undefined || Date.parse(b) < Date.parse(a) ? b : a;
}
