import { aggregates, type Subjects } from '@karmada-ts/contracts';
import type { ConsumerSpec } from '@karmada-ts/eventstore';
import type { ProjectionConsumer, ReplicaPartition, ServiceDefinition } from '@karmada-ts/service-runtime';
import { executorDurablesOf } from './durables.js';
import { executorEvents } from './events.js';
import { ExecutorModule } from './executor.module.js';
import { executorShares } from './partition.js';
import { CreateExecutorReadModels1765400000000 } from './migrations/1765400000000-create-executor-read-models.js';
import { IndexWorksByCluster1766700000000 } from './migrations/1766700000000-index-works-by-cluster.js';
import { CreateAppliedKinds1767000000000 } from './migrations/1767000000000-create-applied-kinds.js';
import { DropDuplicateClusterIndex1767100000000 } from './migrations/1767100000000-drop-duplicate-cluster-index.js';
import { WorkDeletingColumn1767200000000 } from './migrations/1767200000000-work-deleting-column.js';
import { appliedKindsProjection } from './projections/applied-kinds.projection.js';
import { clusterSecretsProjection } from './projections/cluster-secrets.projection.js';
import { clusterStatusesProjection } from './projections/cluster-statuses.projection.js';
import { clustersProjection } from './projections/clusters.projection.js';
import { workReportsProjection } from './projections/work-reports.projection.js';
import { worksProjection } from './projections/works.projection.js';
import { ClusterChangedReconciler } from './reconcilers/cluster-changed.reconciler.js';
import { WorkChangedReconciler } from './reconcilers/work-changed.reconciler.js';
import { clusterResource, secretResource } from './resources.js';

/**
 * Member calls can wait for a cluster for a long time: more deliveries with a capped backoff before a Work event is
 * dead-lettered (a cluster that becomes Ready again resumes its pending Works anyway). The Works consumer settles
 * each Work's events as soon as that Work is through (settlesEach), so a Work waiting for a slow member holds one of
 * the 200 places of Works in flight, not a batch of 50.
 */
const memberBound: Pick<ConsumerSpec, 'maxDeliver' | 'backoff'> = { maxDeliver: 10, backoff: { baseMs: 1_000, maxMs: 30_000 } };

/**
 * The executor's own reports come two per Work (applied with the Deployment controller's first status, then its
 * status once ready; three before that wait): in batches of 100 their projection fell 12,000 events behind during
 * `steady` over 100 members, and while it trails, the Works it would show as reported look pending to resyncs.
 */
const reportsBatchSize = 500;

/** executor-svc: applies Works in member clusters, reflects their status and repairs drift. */
export const executorService: ServiceDefinition = {
  name: 'executor-svc',
  module: ExecutorModule,
  events: executorEvents,
  migrations: [CreateExecutorReadModels1765400000000, IndexWorksByCluster1766700000000, CreateAppliedKinds1767000000000, DropDuplicateClusterIndex1767100000000, WorkDeletingColumn1767200000000],
  projections: executorConsumers,
};

/**
 * The executor's projection consumers. With a partition (KARMADA_REPLICAS) each replica reads the Works, Clusters and
 * cluster statuses of its own member clusters only, on durables of its own: it applies, watches and caches only
 * those members' objects.
 */
function executorConsumers(subjects: Subjects, partition: ReplicaPartition): ProjectionConsumer[] {
  const durables = executorDurablesOf(partition);
  return [
    {
      consumer: {
        durable: durables.works,
        filterSubject: subjects.aggregateFilter(aggregates.work),
        ...executorShares.works(partition),
        batchSize: 50,
        concurrency: 4,
        settlesEach: true,
        ...memberBound,
      },
      projections: [worksProjection, appliedKindsProjection],
      reconciler: WorkChangedReconciler,
    },
    {
      consumer: { durable: durables.clusters, filterSubject: subjects.templateFilter(clusterResource), ...executorShares.clusters(partition), ...memberBound },
      projections: [clustersProjection],
      reconciler: ClusterChangedReconciler,
    },
    {
      consumer: { durable: durables.clusterStatuses, filterSubject: subjects.clusterStatusFilter(), ...executorShares.clusterStatuses(partition), ...memberBound },
      projections: [clusterStatusesProjection],
      reconciler: ClusterChangedReconciler,
    },
    {
      consumer: { durable: durables.clusterSecrets, filterSubject: subjects.templateFilter(secretResource) },
      projections: [clusterSecretsProjection],
    },
    {
      consumer: { durable: durables.workReports, filterSubject: subjects.aggregateFilter(aggregates.workStatus), batchSize: reportsBatchSize },
      projections: [workReportsProjection],
      readsStatuses: true,
    },
  ];
}
