/**
 * What the steady scenario submits, as many fleets are run: the members form groups of about three ("regions" of
 * one team or one market), one PropagationPolicy per group divides the replicas of its templates over the group's
 * members with equal static weights, and each template belongs to one group. Replicas cycle 1, 2, 3, 3, so that a
 * template lands on one, two or three members (clusters left with no replica get no Work): 2.25 Works per template
 * on average with three members or more. At 50 templates/s that is about 112 Works/s, spread over every member.
 */
import type { KubeObjectJson } from '@karmada-ts/contracts';
import { deploymentTemplate, divideEvenlyPolicy, memberName, partOf } from '../propagate/workload.js';

/** Members per group, at least (the members left over join the groups one each). */
export const groupSize = 3;
/** Replicas of template i: replicaMix[i % length]. */
export const replicaMix: readonly number[] = [1, 2, 3, 3];
const groupLabel = 'bench.karmada-ts.io/group';

/** The members' names in groups: member j is in group j mod G, G = max(1, floor(K / groupSize)). */
export function memberGroups(clusters: number): string[][] {
  const count = Math.max(1, Math.floor(clusters / groupSize));
  const groups: string[][] = Array.from({ length: count }, () => []);
  for (let j = 0; j < clusters; j++) groups[j % count]!.push(memberName(j));
  return groups;
}

/** The policy of group g: its templates divided over its members. */
export function groupPolicies(groups: readonly (readonly string[])[]): KubeObjectJson[] {
  return groups.map((members, g) => divideEvenlyPolicy(members, { name: `bench-steady-g${g}`, matchLabels: { ...partOf, [groupLabel]: `g${g}` } }));
}

/** Template i of the run: in group i mod G, with replicaMix's replicas; and how many Works it should get. */
export function steadyTemplate(i: number, groups: readonly (readonly string[])[]): { readonly template: KubeObjectJson; readonly works: number } {
  const g = i % groups.length;
  const replicas = replicaMix[i % replicaMix.length]!;
  return { template: deploymentTemplate(i, replicas, { [groupLabel]: `g${g}` }), works: Math.min(replicas, groups[g]!.length) };
}

/** The most replicas any member gets from `templates` templates: one group's share, all of each one's replicas. */
export function replicasPerMemberAtMost(templates: number, groups: number): number {
  return Math.ceil(templates / groups) * Math.max(...replicaMix);
}
