import type { Cluster, ClusterStatus } from '../api/cluster.js';
import type { Taint } from '../api/meta.js';

/** What cluster-svc collected about one Cluster (the `clusterstatus` aggregate), in domain terms. */
export interface CollectedClusterStatus {
  /** The uid of the Cluster the status describes; a status of an earlier Cluster of the same name is ignored. */
  readonly uid?: string;
  readonly status: ClusterStatus;
  /** The controller-owned taints (not-ready, unreachable …). */
  readonly controllerTaints?: readonly Taint[];
}

/**
 * The Cluster as users and the scheduler see it: the spec the gateway stores, with cluster-svc's status and its
 * controller taints after the user's own in spec.taints (a controller taint equal to one of the user's, by key,
 * value and effect, is not repeated). A status about another object of the same name (another uid) is left out,
 * and so are its taints.
 */
export function clusterWithStatus(cluster: Cluster, collected: CollectedClusterStatus | undefined): Cluster {
  if (!collected) return cluster;
  const uid = cluster.metadata.uid;
  if (collected.uid !== undefined && uid !== undefined && collected.uid !== uid) return cluster;
  const own = cluster.spec.taints ?? [];
  const controllers = (collected.controllerTaints ?? []).filter((taint) => !own.some((mine) => sameTaint(mine, taint)));
  const taints = [...own, ...controllers];
  const spec = { ...cluster.spec };
  if (taints.length > 0) spec.taints = taints;
  else delete spec.taints;
  return { ...cluster, spec, status: collected.status };
}

function sameTaint(a: Taint, b: Taint): boolean {
  return a.key === b.key && a.effect === b.effect && (a.value ?? '') === (b.value ?? '');
}
