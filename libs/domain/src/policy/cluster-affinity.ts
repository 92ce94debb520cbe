import type { Cluster } from '../api/cluster.js';
import type { ClusterAffinity, FieldSelectorRequirement } from '../api/policy.js';
import { matchesLabelSelector } from './label-selector.js';

/**
 * Whether a cluster satisfies a ClusterAffinity (Karmada's util.ClusterMatches): `exclude` wins, then labelSelector,
 * fieldSelector and clusterNames are ANDed, each absent part matching all. The zone field is matched against
 * spec.zones (any overlap for In, none for NotIn); provider and region against the single spec fields.
 */
export function matchesClusterAffinity(cluster: Cluster, affinity: ClusterAffinity): boolean {
  const name = cluster.metadata.name ?? '';
  if (affinity.exclude?.includes(name)) return false;
  if (affinity.labelSelector && !matchesLabelSelector(affinity.labelSelector, cluster.metadata.labels)) return false;
  for (const requirement of affinity.fieldSelector?.matchExpressions ?? []) {
    if (!matchesField(cluster, requirement)) return false;
  }
  return !affinity.clusterNames?.length || affinity.clusterNames.includes(name);
}

function matchesField(cluster: Cluster, requirement: FieldSelectorRequirement): boolean {
  if (requirement.key === 'zone') return matchesZones(requirement, cluster.spec.zones ?? []);
  const value = fieldValue(cluster, requirement.key);
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    default:
      return assertNever(requirement.operator);
  }
}

/** provider and region are the only other cluster fields; an empty field counts as absent. */
function fieldValue(cluster: Cluster, key: string): string | undefined {
  const value = key === 'provider' ? cluster.spec.provider : key === 'region' ? cluster.spec.region : undefined;
  return value ? value : undefined;
}

function matchesZones(requirement: FieldSelectorRequirement, zones: readonly string[]): boolean {
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return zones.some((zone) => values.includes(zone));
    case 'NotIn':
      return !zones.some((zone) => values.includes(zone));
    case 'Exists':
      return zones.length > 0;
    case 'DoesNotExist':
      return zones.length === 0;
    default:
      return assertNever(requirement.operator);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected field selector operator ${JSON.stringify(value)}`);
}
