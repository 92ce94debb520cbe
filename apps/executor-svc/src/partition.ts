import { parseAggregateSubject, SubjectTokenError } from '@karmada-ts/contracts';
import { clusterOfExecutionSpace } from '@karmada-ts/domain';
import type { ConsumerSpec } from '@karmada-ts/eventstore';
import { ownsCluster, type ReplicaPartition } from '@karmada-ts/service-runtime';

/** What a consumer of this replica reads of its filter (ConsumerSpec.readsSubject): nothing said when it reads it all. */
export type ShareOfSubjects = Pick<ConsumerSpec, 'readsSubject'>;

/**
 * What each of the executor's partitioned consumers reads of its filter: the subjects about the member clusters this
 * replica serves. Without a partition they read everything, and no subject is looked at.
 */
export const executorShares = {
  /** `<instance>.work.<karmada-es-cluster>.<name>`; a Work outside an execution space goes by its namespace. */
  works: (partition: ReplicaPartition) =>
    shareOf(partition, (subject) => {
      const namespace = parseAggregateSubject(subject).namespace ?? '';
      return clusterOfExecutionSpace(namespace) ?? namespace;
    }),
  /** `<instance>.template.clusters.cluster.karmada.io._.<cluster>`. */
  clusters: (partition: ReplicaPartition) => shareOf(partition, (subject) => parseAggregateSubject(subject, 1).name),
  /** `<instance>.clusterstatus._.<cluster>`. */
  clusterStatuses: (partition: ReplicaPartition) => shareOf(partition, (subject) => parseAggregateSubject(subject).name),
};

/** A subject that does not parse is read by every replica: its handler decides what it is. */
function shareOf(partition: ReplicaPartition, clusterOf: (subject: string) => string): ShareOfSubjects {
  if (partition.replicas <= 1) return {};
  return {
    readsSubject: (subject) => {
      try {
        return ownsCluster(partition, clusterOf(subject));
      } catch (error) {
        if (error instanceof SubjectTokenError) return true;
        throw error;
      }
    },
  };
}
