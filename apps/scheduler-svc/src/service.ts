import { aggregates } from '@karmada-ts/contracts';
import type { ServiceDefinition } from '@karmada-ts/service-runtime';
import { schedulerDurables } from './durables.js';
import { schedulerEvents } from './events.js';
import { CreateSchedulerReadModels1764400000000 } from './migrations/1764400000000-create-scheduler-read-models.js';
import { IndexUnschedulablePlacements1767000000000 } from './migrations/1767000000000-index-unschedulable-placements.js';
import { HealthWatchColumns1767100000000 } from './migrations/1767100000000-health-watch-columns.js';
import { bindingHealthProjection, bindingsProjection, placementsProjection } from './read-models/bindings.projection.js';
import { clusterStatusesProjection, clustersProjection } from './read-models/clusters.projection.js';
import { clusterResource } from './read-models/read-models.js';
import { BindingHealthReconciler } from './reconcilers/binding-health.reconciler.js';
import { BindingsReconciler } from './reconcilers/bindings.reconciler.js';
import { ClustersReconciler } from './reconcilers/clusters.reconciler.js';
import { SchedulerModule } from './scheduler.module.js';

/** scheduler-svc: placement: filters, scores and divides replicas, and publishes placement decisions. */
export const schedulerService: ServiceDefinition = {
  name: 'scheduler-svc',
  module: SchedulerModule,
  events: schedulerEvents,
  migrations: [CreateSchedulerReadModels1764400000000, IndexUnschedulablePlacements1767000000000, HealthWatchColumns1767100000000],
  projections: (subjects) => [
    {
      consumer: { durable: schedulerDurables.clusters, filterSubject: subjects.templateFilter(clusterResource) },
      projections: [clustersProjection],
      reconciler: ClustersReconciler,
    },
    {
      consumer: { durable: schedulerDurables.clusterStatuses, filterSubject: subjects.clusterStatusFilter() },
      projections: [clusterStatusesProjection],
      reconciler: ClustersReconciler,
    },
    {
      consumer: { durable: schedulerDurables.bindings, filterSubject: subjects.aggregateFilter(aggregates.binding) },
      projections: [bindingsProjection],
      reconciler: BindingsReconciler,
    },
    {
      consumer: { durable: schedulerDurables.placements, filterSubject: subjects.aggregateFilter(aggregates.placement) },
      projections: [placementsProjection],
    },
    {
      consumer: { durable: schedulerDurables.bindingStatuses, filterSubject: subjects.aggregateFilter(aggregates.bindingStatus) },
      projections: [bindingHealthProjection],
      reconciler: BindingHealthReconciler,
      readsStatuses: true,
    },
  ],
};
