import type { ObjectMeta } from '../api/meta.js';
import { KarmadaFinalizer } from '../api/well-known.js';

/**
 * Karmada's cluster controller removes its finalizer from a deleting Cluster once the cluster's execution namespace
 * holds nothing more: here, once every Work in `karmada-es-<cluster>` has been cleaned up in the member (the
 * scheduler moves bindings away from a deleting cluster, binding-svc then requests the deletion of its Works).
 * False for a Cluster that is not being deleted or no longer carries the finalizer.
 */
export function clusterFinalizerReleasable(metadata: Pick<ObjectMeta, 'deletionTimestamp' | 'finalizers'>, uncleanedWorks: number): boolean {
  if (!metadata.deletionTimestamp) return false;
  if (!(metadata.finalizers ?? []).includes(KarmadaFinalizer.ClusterController)) return false;
  return uncleanedWorks === 0;
}
