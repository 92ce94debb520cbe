import type { Placement, SpreadConstraint } from '../api/policy.js';
import { replicaSchedulingTypeOf } from './binding-facts.js';
import { compareCandidates, type CandidateCluster } from './candidate-clusters.js';
import { groupScore } from './group-score.js';
import { failed, succeeded } from './outcome.js';
import type { SchedulingOutcome } from './scheduling-error.js';
import { selectGroups } from './select-groups.js';

/** A region and its candidates, in candidate order. */
export interface RegionGroup {
  readonly name: string;
  readonly score: number;
  readonly clusters: readonly CandidateCluster[];
}

/** Karmada's zero value for a constraint that is not there. */
const ABSENT: SpreadConstraint = { minGroups: 0, maxGroups: 0 };

/**
 * Karmada's SelectBestClusters over candidates already in candidate order:
 * - no spread constraints, or static weighting (which ignores them): every candidate;
 * - spread by region (with the cluster constraint): group selection, see selectClustersByRegion;
 * - spread by cluster: the best maxGroups, swapping in larger clusters until their available replicas cover
 *   `replicas` (Duplicated skips that check);
 * - anything else (zone, provider or label without region or cluster) is not supported, as in Karmada.
 * Errors are SchedulerErrors with Karmada's messages.
 */
export function selectBestClusters(candidates: readonly CandidateCluster[], placement: Placement, replicas: number): SchedulingOutcome<CandidateCluster[]> {
  const constraints = placement.spreadConstraints ?? [];
  if (constraints.length === 0 || ignoresSpreadConstraints(placement)) return succeeded([...candidates]);

  const byField = new Map<string, SpreadConstraint>();
  for (const constraint of constraints) byField.set(constraint.spreadByField ?? '', constraint);
  const byRegion = byField.get('region');
  const byCluster = byField.get('cluster');
  if (byRegion) {
    const regions = groupByRegion(candidates, placement, replicas, byRegion.minGroups ?? 0);
    return selectClustersByRegion(regions, byRegion, byCluster ?? ABSENT);
  }
  if (byCluster) {
    const needReplicas = replicaSchedulingTypeOf(placement) === 'Duplicated' ? undefined : replicas;
    return selectClustersByCluster(candidates, byCluster, needReplicas);
  }
  return failed('SchedulerError', 'just support cluster and region spread constraint');
}

/** Static weighting ignores spread constraints: Divided, Weighted, and no dynamic weight with a static list (or none). */
function ignoresSpreadConstraints(placement: Placement): boolean {
  const scheduling = placement.replicaScheduling;
  if (scheduling?.replicaSchedulingType !== 'Divided' || scheduling.replicaDivisionPreference !== 'Weighted') return false;
  const preference = scheduling.weightPreference;
  return !preference || (Boolean(preference.staticWeightList?.length) && !preference.dynamicWeight);
}

/**
 * Spread by cluster: at least minGroups candidates, then the first min(count, maxGroups). If `needReplicas` is given
 * and their available replicas fall short, walk the selection from its last (weakest) member backwards, swapping each
 * for the unselected candidate with the most available replicas when that one has more.
 */
export function selectClustersByCluster(
  candidates: readonly CandidateCluster[],
  constraint: SpreadConstraint,
  needReplicas: number | undefined,
): SchedulingOutcome<CandidateCluster[]> {
  if (candidates.length < (constraint.minGroups ?? 0)) {
    return failed('SchedulerError', 'the number of feasible clusters is less than spreadConstraint.MinGroups');
  }
  const needCount = Math.min(candidates.length, constraint.maxGroups ?? 0);
  const selected = candidates.slice(0, needCount);
  if (needReplicas === undefined) return succeeded(selected);

  const rest = candidates.slice(needCount);
  for (let index = selected.length - 1; index >= 0 && availableSum(selected) < needReplicas; index--) {
    const swap = indexOfMostAvailable(rest, selected[index]!.availableReplicas);
    if (swap < 0) continue;
    [selected[index], rest[swap]] = [rest[swap]!, selected[index]!];
  }
  if (availableSum(selected) < needReplicas) return failed('SchedulerError', `no enough resource when selecting ${needCount} clusters`);
  return succeeded(selected);
}

/**
 * Spread by region: enough regions (regionMinGroups), the best combination from selectGroups with the cluster
 * constraint's minGroups as target, then the best cluster of each chosen region, topped up to the cluster
 * constraint's maxGroups with the best remaining clusters of those regions. Available replicas are not checked here.
 */
export function selectClustersByRegion(
  regions: readonly RegionGroup[],
  regionConstraint: SpreadConstraint,
  clusterConstraint: SpreadConstraint,
): SchedulingOutcome<CandidateCluster[]> {
  if (regions.length < (regionConstraint.minGroups ?? 0)) {
    return failed('SchedulerError', 'the number of feasible region is less than spreadConstraint.MinGroups');
  }
  const byName = new Map(regions.map((region) => [region.name, region]));
  const chosen = selectGroups(
    regions.map((region) => ({ name: region.name, value: region.clusters.length, weight: region.score })),
    regionConstraint.minGroups ?? 0,
    regionConstraint.maxGroups ?? 0,
    clusterConstraint.minGroups ?? 0,
  ).map((group) => byName.get(group.name)!);
  if (chosen.length === 0) return failed('SchedulerError', 'the number of clusters is less than the cluster spreadConstraint.MinGroups');

  const selected = chosen.map((region) => region.clusters[0]!);
  const others = chosen.flatMap((region) => region.clusters.slice(1));
  const needCount = Math.min(selected.length + others.length, clusterConstraint.maxGroups ?? 0);
  if (needCount > selected.length) selected.push(...others.sort(compareCandidates).slice(0, needCount - selected.length));
  return succeeded(selected);
}

/** Regions of the candidates (clusters without a region left out), each scored with groupScore. */
export function groupByRegion(candidates: readonly CandidateCluster[], placement: Placement, replicas: number, minGroups: number): RegionGroup[] {
  const members = new Map<string, CandidateCluster[]>();
  for (const candidate of candidates) {
    const region = candidate.view.region;
    if (region === '') continue;
    const list = members.get(region);
    if (list) list.push(candidate);
    else members.set(region, [candidate]);
  }
  return [...members].map(([name, clusters]) => ({ name, clusters, score: groupScore(clusters, placement, replicas, minGroups) }));
}

function availableSum(clusters: readonly CandidateCluster[]): number {
  let sum = 0;
  for (const cluster of clusters) sum += cluster.availableReplicas;
  return sum;
}

/** The first candidate with the most available replicas, if that is more than `floor`; -1 otherwise. */
function indexOfMostAvailable(candidates: readonly CandidateCluster[], floor: number): number {
  let best = -1;
  let most = floor;
  candidates.forEach((candidate, index) => {
    if (candidate.availableReplicas > most) {
      best = index;
      most = candidate.availableReplicas;
    }
  });
  return best;
}
