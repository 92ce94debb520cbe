import { compareNames } from './compare-names.js';

/** A topology group (a region) as the group selection sees it: value = its cluster count, weight = its score. */
export interface GroupInfo {
  readonly name: string;
  readonly value: number;
  readonly weight: number;
}

interface GroupPath {
  readonly id: number;
  /** Sorted by weight (high first), then name. */
  readonly groups: readonly GroupInfo[];
  readonly weight: number;
  readonly value: number;
}

/**
 * Karmada's group selection: find every combination of between minGroups and maxGroups groups whose values add up to
 * at least `target` (the cluster constraint's minGroups), then keep the best: highest total weight, then highest
 * total value, then the one found first — except that a combination whose groups are a proper prefix of the best
 * one's wins, since it meets the constraints with fewer groups. Returns [] when no combination fits.
 *
 * The search is Karmada's depth-first walk over the groups sorted by value (low first), weight (high first), name; a
 * combination is recorded as soon as it fits and is not extended further.
 */
export function selectGroups(groups: readonly GroupInfo[], minGroups: number, maxGroups: number, target: number): GroupInfo[] {
  if (groups.length === 0) return [];
  const ordered = [...groups].sort((a, b) => a.value - b.value || b.weight - a.weight || compareNames(a.name, b.name));
  const paths = findFeasiblePaths(ordered, minGroups, maxGroups, target);
  return paths.length === 0 ? [] : [...prioritizePaths(paths).groups];
}

function findFeasiblePaths(groups: readonly GroupInfo[], minGroups: number, maxGroups: number, target: number): GroupPath[] {
  const paths: GroupPath[] = [];
  const current: GroupInfo[] = [];
  const walk = (sum: number, begin: number): void => {
    if (sum >= target && current.length >= minGroups && current.length <= maxGroups) {
      paths.push(pathOf(paths.length + 1, current));
      return;
    }
    if (current.length >= maxGroups) return;
    for (let i = begin; i < groups.length; i++) {
      current.push(groups[i]!);
      walk(sum + groups[i]!.value, i + 1);
      // With exactly minGroups groups only the combination of all of them can fit: no need to backtrack.
      if (groups.length === minGroups) break;
      current.pop();
    }
  };
  walk(0, 0);
  return paths;
}

function pathOf(id: number, groups: readonly GroupInfo[]): GroupPath {
  const sorted = [...groups].sort((a, b) => b.weight - a.weight || compareNames(a.name, b.name));
  let weight = 0;
  let value = 0;
  for (const group of sorted) {
    weight += group.weight;
    value += group.value;
  }
  return { id, groups: sorted, weight, value };
}

function prioritizePaths(paths: GroupPath[]): GroupPath {
  const ranked = [...paths].sort((a, b) => b.weight - a.weight || b.value - a.value || a.id - b.id);
  let best = ranked[0]!;
  for (const path of ranked.slice(1)) {
    if (isProperPrefix(path, best)) best = path;
  }
  return best;
}

function isProperPrefix(prefix: GroupPath, of: GroupPath): boolean {
  return prefix.groups.length < of.groups.length && prefix.groups.every((group, i) => of.groups[i]!.name === group.name);
}
