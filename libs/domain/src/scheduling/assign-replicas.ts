import type { Placement } from '../api/policy.js';
import type { TargetCluster } from '../api/work.js';
import { assertNever } from './assert-never.js';
import { replicaSchedulingTypeOf, replicaStrategyOf, rescheduleRequired, sumOfTargetReplicas, type ReplicaStrategy } from './binding-facts.js';
import type { CandidateCluster } from './candidate-clusters.js';
import { compileClusterAffinity } from './cluster-affinity-matcher.js';
import { compareNames } from './compare-names.js';
import type { SchedulingContext } from './framework.js';
import { failed, succeeded, wrapped } from './outcome.js';
import type { SchedulingOutcome } from './scheduling-error.js';
import { allocateByWeight } from './webster.js';

/**
 * Karmada's AssignReplicas: how many replicas each selected cluster gets. Non-workloads go to every selected cluster
 * with no replica count; workloads are divided by the placement's strategy and clusters left with 0 are dropped.
 * With overflowAffinities, tiers are filled in order, each with as many replicas as it has room for.
 * The result is sorted by cluster name.
 */
export function assignReplicas(selected: readonly CandidateCluster[], context: SchedulingContext): SchedulingOutcome<TargetCluster[]> {
  if (selected.length === 0) return failed('SchedulerError', 'no clusters available to schedule');
  if (!context.workload) return succeeded(byPosition(selected).map(({ name }) => ({ name })));
  const assigned = context.affinity?.overflow
    ? assignByOverflowTiers(selected, context)
    : assignToClusters(selected, context.spec.replicas ?? 0, context);
  return assigned.ok ? succeeded(sortedByName(assigned.value)) : assigned;
}

function assignByOverflowTiers(selected: readonly CandidateCluster[], context: SchedulingContext): SchedulingOutcome<TargetCluster[]> {
  const tiers = new Map<number, CandidateCluster[]>();
  for (const cluster of selected) {
    const tier = tiers.get(cluster.overflowOrder);
    if (tier) tier.push(cluster);
    else tiers.set(cluster.overflowOrder, [cluster]);
  }
  const result: TargetCluster[] = [];
  let remaining = context.spec.replicas ?? 0;
  for (const order of [...tiers.keys()].sort((a, b) => a - b)) {
    const tier = tiers.get(order)!;
    const tierReplicas = Math.min(remaining, tier.reduce((sum, cluster) => sum + cluster.availableReplicas, 0));
    const assigned = assignToClusters(tier, tierReplicas, context);
    if (!assigned.ok) return assigned;
    result.push(...assigned.value);
    remaining -= tierReplicas;
    if (remaining <= 0) break;
  }
  if (remaining > 0) return failed('Unschedulable', 'Clusters available replicas are not enough to schedule.');
  return succeeded(result);
}

function assignToClusters(candidates: readonly CandidateCluster[], replicas: number, context: SchedulingContext): SchedulingOutcome<TargetCluster[]> {
  const strategy = replicaStrategyOf(context.placement);
  if (!strategy) return unsupportedStrategy(context.placement);
  const assigned = assignByStrategy(strategy, candidates, replicas, context);
  return assigned.ok ? succeeded(assigned.value.filter((cluster) => (cluster.replicas ?? 0) > 0)) : assigned;
}

function assignByStrategy(strategy: ReplicaStrategy, candidates: readonly CandidateCluster[], replicas: number, context: SchedulingContext): SchedulingOutcome<TargetCluster[]> {
  switch (strategy) {
    case 'Duplicated':
      return succeeded(byPosition(candidates).map(({ name }) => ({ name, replicas })));
    case 'StaticWeight':
      return succeeded(allocateByWeight(replicas, staticWeights(candidates, context.placement), undefined, context.spec.resource.uid));
    case 'DynamicWeight':
    case 'Aggregated':
      return assignDynamically(strategy, candidates, replicas, context);
    default:
      return assertNever(strategy);
  }
}

/**
 * Static weights: a cluster's weight is the largest weight of the staticWeightList entries it matches; clusters
 * matching none are left out. No weightPreference, or no weight at all, gives every cluster weight 1. The division
 * starts from scratch every time: the previous result plays no part.
 */
export function staticWeights(candidates: readonly CandidateCluster[], placement: Placement): Map<string, number> {
  const weights = new Map<string, number>();
  const rules = (placement.replicaScheduling?.weightPreference?.staticWeightList ?? []).map((rule) => ({
    matches: compileClusterAffinity(rule.targetCluster),
    weight: rule.weight,
  }));
  for (const candidate of candidates) {
    const weight = rules.reduce((max, rule) => (rule.weight > max && rule.matches(candidate.view) ? rule.weight : max), 0);
    if (weight > 0) weights.set(candidate.name, weight);
  }
  if (weights.size === 0) for (const candidate of candidates) weights.set(candidate.name, 1);
  return weights;
}

/**
 * DynamicWeight and Aggregated. Steady mode (the default) keeps the previous result of the clusters still selected
 * ("scheduled"; replicas on clusters no longer selected are placed again):
 * - scale up (or first schedule): only the missing replicas are divided, weighted by each cluster's free capacity
 *   (allocatable replicas), and added to the previous result;
 * - scale down: the desired replicas are divided over the previous result, weighted by it, i.e. shrunk in proportion.
 * Fresh mode (rescheduleTriggeredAt > lastScheduledTime) divides everything anew, weighted by free capacity plus
 * what each cluster already runs.
 */
function assignDynamically(
  strategy: 'DynamicWeight' | 'Aggregated',
  candidates: readonly CandidateCluster[],
  desired: number,
  context: SchedulingContext,
): SchedulingOutcome<TargetCluster[]> {
  const names = new Set(candidates.map(({ name }) => name));
  const scheduled = (context.spec.clusters ?? []).filter((cluster) => names.has(cluster.name));
  const assigned = sumOfTargetReplicas(scheduled);
  const uid = context.spec.resource.uid;

  if (rescheduleRequired(context.spec, context.status)) {
    const running = new Map<string, number>();
    for (const { name, replicas = 0 } of scheduled) running.set(name, (running.get(name) ?? 0) + replicas);
    const weights = candidates.map(({ name, allocatableReplicas }) => ({ name, replicas: allocatableReplicas + (running.get(name) ?? 0) }));
    return wrapped(divide(strategy, desired, byReplicasDescending(weights), [], uid), 'failed to do fresh scale');
  }
  if (assigned > desired) {
    return wrapped(divide(strategy, desired, byReplicasDescending(scheduled), [], uid), 'failed to scale down');
  }
  if (assigned < desired) {
    const weights = candidates.map(({ name, allocatableReplicas }) => ({ name, replicas: allocatableReplicas }));
    return wrapped(divide(strategy, desired - assigned, byReplicasDescending(weights), scheduled, uid), 'failed to scale up');
  }
  return succeeded(scheduled);
}

/**
 * Divides `target` replicas by the weights in `available` and adds the result to `scheduled`. Aggregated first moves
 * the clusters that already run replicas to the front, then keeps only the shortest prefix whose weights cover the
 * target, so replicas land on as few clusters as possible.
 */
function divide(
  strategy: 'DynamicWeight' | 'Aggregated',
  target: number,
  available: readonly TargetCluster[],
  scheduled: readonly TargetCluster[],
  uid: string | undefined,
): SchedulingOutcome<TargetCluster[]> {
  const availableReplicas = sumOfTargetReplicas(available);
  if (availableReplicas < target) {
    return failed('Unschedulable', `Clusters available replicas ${availableReplicas} are not enough to schedule.`);
  }
  const weighted = strategy === 'Aggregated' ? shortestCoveringPrefix(priorFirst(available, scheduled), target) : available;
  const weights = new Map(weighted.map((cluster) => [cluster.name, cluster.replicas ?? 0]));
  return succeeded(mergeTargetClusters(scheduled, allocateByWeight(target, weights, undefined, uid)));
}

function priorFirst(available: readonly TargetCluster[], scheduled: readonly TargetCluster[]): TargetCluster[] {
  const prior = new Set(scheduled.filter((cluster) => (cluster.replicas ?? 0) > 0).map(({ name }) => name));
  return [...available.filter(({ name }) => prior.has(name)), ...available.filter(({ name }) => !prior.has(name))];
}

function shortestCoveringPrefix(clusters: readonly TargetCluster[], target: number): readonly TargetCluster[] {
  let sum = 0;
  for (let i = 0; i < clusters.length; i++) {
    sum += clusters[i]!.replicas ?? 0;
    if (sum >= target) return clusters.slice(0, i + 1);
  }
  return clusters;
}

/** Stable, so equal weights keep candidate order. */
function byReplicasDescending(clusters: readonly TargetCluster[]): TargetCluster[] {
  return [...clusters].sort((a, b) => (b.replicas ?? 0) - (a.replicas ?? 0));
}

/** Adds the replicas of `added` to those of `previous`, cluster by cluster. */
function mergeTargetClusters(previous: readonly TargetCluster[], added: readonly TargetCluster[]): TargetCluster[] {
  const merged = new Map<string, number>();
  for (const { name, replicas = 0 } of previous) merged.set(name, replicas);
  for (const { name, replicas = 0 } of added) merged.set(name, (merged.get(name) ?? 0) + replicas);
  return [...merged].map(([name, replicas]) => ({ name, replicas }));
}

function unsupportedStrategy(placement: Placement): SchedulingOutcome<never> {
  const type = replicaSchedulingTypeOf(placement) ?? '';
  const preference = placement.replicaScheduling?.replicaDivisionPreference ?? '';
  return failed(
    'SchedulerError',
    `unsupported replica scheduling strategy, replicaSchedulingType: ${type}, replicaDivisionPreference: ${preference}, please try another scheduling strategy`,
  );
}

/** Candidates in snapshot (= name) order. */
function byPosition(candidates: readonly CandidateCluster[]): CandidateCluster[] {
  return [...candidates].sort((a, b) => a.view.index - b.view.index || compareNames(a.name, b.name));
}

/** Most results are already in name order; only sort the ones that are not. */
function sortedByName(clusters: readonly TargetCluster[]): TargetCluster[] {
  for (let i = 1; i < clusters.length; i++) {
    if (compareNames(clusters[i - 1]!.name, clusters[i]!.name) > 0) return [...clusters].sort((a, b) => compareNames(a.name, b.name));
  }
  return [...clusters];
}
