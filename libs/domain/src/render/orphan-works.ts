import { clusterOfExecutionSpace, KarmadaLabel } from '../api/well-known.js';
import type { AnyResourceBinding, Work } from '../api/work.js';
import { clustersKeepingWorks, clustersPurgedDirectly } from './target-clusters.js';

/** The member cluster a Work is for, from its karmada-es-<cluster> namespace; undefined for any other namespace. */
export function clusterOfWork(work: Work): string | undefined {
  return clusterOfExecutionSpace(work.metadata.namespace ?? '');
}

/** The Works a binding made: those labelled with its permanent id. */
export function worksOfBinding(binding: AnyResourceBinding, works: readonly Work[]): Work[] {
  const idLabel = binding.kind === 'ResourceBinding' ? KarmadaLabel.ResourceBindingPermanentId : KarmadaLabel.ClusterResourceBindingPermanentId;
  const id = binding.metadata.labels?.[idLabel];
  if (!id) return [];
  return works.filter((work) => work.metadata.labels?.[idLabel] === id);
}

/**
 * The binding's Works to delete (Karmada's orphan Works): those on clusters that are no longer targets (spec.clusters
 * and requiredBy clusters) and not being evicted gracefully. A Directly-purged eviction task does not keep its Work.
 */
export function orphanWorks(binding: AnyResourceBinding, works: readonly Work[]): Work[] {
  const keep = clustersKeepingWorks(binding.spec);
  return worksOfBinding(binding, works).filter((work) => {
    const cluster = clusterOfWork(work);
    return cluster !== undefined && !keep.has(cluster);
  });
}

/**
 * Whether Works on Directly-purged clusters still exist, among the given ones. Karmada then skips syncing and retries in
 * 5 s: the old copy must be deleted before a new one is created elsewhere (exactly-once applications).
 */
export function awaitingDirectPurge(binding: AnyResourceBinding, works: readonly Work[]): boolean {
  const purged = clustersPurgedDirectly(binding.spec);
  return worksOfBinding(binding, works).some((work) => purged.has(clusterOfWork(work) ?? ''));
}
