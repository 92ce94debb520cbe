import type { ResourceBindingSpec, TargetCluster } from '../api/work.js';

/**
 * The clusters a binding's Works go to (Karmada's mergeTargetClusters): spec.clusters, then every cluster of the
 * requiredBy snapshots not already listed (an attached binding of a dependency has no clusters of its own).
 */
export function workTargetClusters(spec: ResourceBindingSpec): TargetCluster[] {
  const targets = [...(spec.clusters ?? [])];
  const seen = new Set(targets.map((t) => t.name));
  for (const snapshot of spec.requiredBy ?? []) {
    for (const cluster of snapshot.clusters ?? []) {
      if (seen.has(cluster.name)) continue;
      seen.add(cluster.name);
      targets.push(cluster);
    }
  }
  return targets;
}

/**
 * The clusters that may keep a Work (Karmada's ObtainBindingSpecExistingClusters): the targets plus clusters being
 * evicted gracefully (purgeMode other than Directly), whose Work stays until the graceful-eviction task is done.
 */
export function clustersKeepingWorks(spec: ResourceBindingSpec): Set<string> {
  const names = new Set(workTargetClusters(spec).map((t) => t.name));
  for (const task of spec.gracefulEvictionTasks ?? []) {
    if (task.purgeMode !== 'Directly') names.add(task.fromCluster);
  }
  return names;
}

/** Clusters with a Directly-purged eviction task: their Work must be gone before the binding syncs again. */
export function clustersPurgedDirectly(spec: ResourceBindingSpec): Set<string> {
  return new Set((spec.gracefulEvictionTasks ?? []).filter((task) => task.purgeMode === 'Directly').map((task) => task.fromCluster));
}
