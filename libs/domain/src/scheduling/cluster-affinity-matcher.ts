import type { ClusterAffinity, FieldSelectorRequirement } from '../api/policy.js';
import type { ClusterView } from './cluster-snapshot.js';
import { compileLabelSelector, compileRequirement } from './label-selector.js';

export type ClusterMatcher = (cluster: ClusterView) => boolean;

const ZONE_FIELD = 'zone';

/**
 * Karmada's ClusterMatches as a compiled predicate: `exclude` wins, then labelSelector, fieldSelector and clusterNames
 * are ANDed; an absent part matches everything.
 *
 * In the fieldSelector, `zone` is matched against spec.zones (In: any overlap, NotIn: none listed, Exists: some zone,
 * DoesNotExist: no zone); every other key (provider, region) is a label-style requirement over the cluster's
 * provider and region, so `NotIn` also matches a cluster that has no such field.
 */
export function compileClusterAffinity(affinity: ClusterAffinity): ClusterMatcher {
  const checks: ClusterMatcher[] = [];
  if (affinity.exclude?.length) {
    const excluded = new Set(affinity.exclude);
    checks.push((cluster) => !excluded.has(cluster.name));
  }
  if (affinity.labelSelector) {
    const matchesLabels = compileLabelSelector(affinity.labelSelector);
    checks.push((cluster) => matchesLabels(cluster.labels));
  }
  for (const expression of affinity.fieldSelector?.matchExpressions ?? []) {
    const check = expression.key === ZONE_FIELD ? compileZoneRequirement(expression) : compileFieldRequirement(expression);
    checks.push(check);
  }
  if (affinity.clusterNames?.length) {
    const names = new Set(affinity.clusterNames);
    checks.push((cluster) => names.has(cluster.name));
  }
  return (cluster) => {
    for (const check of checks) if (!check(cluster)) return false;
    return true;
  };
}

function compileFieldRequirement(expression: FieldSelectorRequirement): ClusterMatcher {
  const requirement = compileRequirement(expression);
  if (!requirement) return () => false;
  return (cluster) => requirement(cluster.fields);
}

function compileZoneRequirement({ operator, values = [] }: FieldSelectorRequirement): ClusterMatcher {
  const listed = new Set(values);
  switch (operator) {
    case 'In':
      return (cluster) => cluster.zones.some((zone) => listed.has(zone));
    case 'NotIn':
      return (cluster) => !cluster.zones.some((zone) => listed.has(zone));
    case 'Exists':
      return (cluster) => cluster.zones.length > 0;
    case 'DoesNotExist':
      return (cluster) => cluster.zones.length === 0;
    default:
      return () => false;
  }
}
