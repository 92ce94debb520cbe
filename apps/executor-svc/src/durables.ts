import { durableName } from '@karmada-ts/contracts';
import { partitionDurable, type ReplicaPartition } from '@karmada-ts/service-runtime';

/**
 * executor-svc's durable consumers, one per aggregate it reads. Its replicas share them, except when they divide the
 * member clusters (executorDurablesOf).
 */
export const executorDurables = {
  works: durableName('executor-svc', 'works'),
  clusters: durableName('executor-svc', 'clusters'),
  clusterStatuses: durableName('executor-svc', 'cluster-statuses'),
  clusterSecrets: durableName('executor-svc', 'cluster-secrets'),
  workReports: durableName('executor-svc', 'work-reports'),
} as const;

export type ExecutorDurables = { readonly [Purpose in keyof typeof executorDurables]: string };

/**
 * The durables one replica reads. With a partition, the consumers of Works, Clusters and cluster statuses read only
 * the replica's own clusters (executorShares), so each replica has its own; Secrets and Work reports feed read
 * models every replica reads whole, and stay shared.
 */
export function executorDurablesOf(partition: ReplicaPartition): ExecutorDurables {
  return {
    ...executorDurables,
    works: partitionDurable(executorDurables.works, partition),
    clusters: partitionDurable(executorDurables.clusters, partition),
    clusterStatuses: partitionDurable(executorDurables.clusterStatuses, partition),
  };
}

/** Who the executor's events say wrote them. */
export const executorActor = 'system:executor-svc';
