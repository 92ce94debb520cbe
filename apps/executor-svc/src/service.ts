import { aggregates, type Subjects } from '@karmada-ts/contracts';
import type { ConsumerSpec } from '@karmada-ts/eventstore';
import type { ServiceDefinition } from '@karmada-ts/service-runtime';
import { executorDurables } from './durables.js';
import { executorEvents } from './events.js';
import { ExecutorModule } from './executor.module.js';
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
  projections: (subjects: Subjects) => [
    {
      consumer: { durable: executorDurables.works, filterSubject: subjects.aggregateFilter(aggregates.work), batchSize: 50, concurrency: 4, settlesEach: true, ...memberBound },
      projections: [worksProjection, appliedKindsProjection],
      reconciler: WorkChangedReconciler,
    },
    {
      consumer: { durable: executorDurables.clusters, filterSubject: subjects.templateFilter(clusterResource), ...memberBound },
      projections: [clustersProjection],
      reconciler: ClusterChangedReconciler,
    },
    {
      consumer: { durable: executorDurables.clusterStatuses, filterSubject: subjects.clusterStatusFilter(), ...memberBound },
      projections: [clusterStatusesProjection],
      reconciler: ClusterChangedReconciler,
    },
    {
      consumer: { durable: executorDurables.clusterSecrets, filterSubject: subjects.templateFilter(secretResource) },
      projections: [clusterSecretsProjection],
    },
    {
      consumer: { durable: executorDurables.workReports, filterSubject: subjects.aggregateFilter(aggregates.workStatus), batchSize: reportsBatchSize },
      projections: [workReportsProjection],
      readsStatuses: true,
    },
  ],
};
