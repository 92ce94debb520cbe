import type { Provider } from '@nestjs/common';
import type { ServiceDefinition } from '@karmada-ts/service-runtime';
import { aggregates, WorkCleanedUp } from '@karmada-ts/contracts';
import { createClusterModule, sealedSecretCredentials } from './cluster.module.js';
import { clusterDurables } from './durables.js';
import { clusterEvents } from './events.js';
import { CreateClusterReadModels1764300000000 } from './migrations/1764300000000-create-cluster-read-models.js';
import { clustersProjection } from './read-models/clusters.projection.js';
import { clusterResource, secretResource } from './read-models/read-models.js';
import { secretsProjection } from './read-models/secrets.projection.js';
import { workCleanupsProjection } from './read-models/work-cleanups.projection.js';
import { worksProjection } from './read-models/works.projection.js';
import { ClusterSecretReconciler } from './reconcilers/cluster-secret.reconciler.js';
import { ClusterSpecReconciler } from './reconcilers/cluster-spec.reconciler.js';
import { ExecutionSpaceReconciler } from './reconcilers/execution-space.reconciler.js';

/**
 * cluster-svc: member cluster lifecycle: health, capacity, API enablements and controller taints (Karmada's
 * cluster-status and cluster controllers). `credentials` replaces where member credentials come from.
 */
export function defineClusterService(credentials: Provider = sealedSecretCredentials): ServiceDefinition {
  return {
    name: 'cluster-svc',
    module: createClusterModule(credentials),
    events: clusterEvents,
    migrations: [CreateClusterReadModels1764300000000],
    projections: (subjects) => [
      {
        consumer: { durable: clusterDurables.clusters, filterSubject: subjects.templateFilter(clusterResource) },
        projections: [clustersProjection],
        reconciler: ClusterSpecReconciler,
      },
      {
        consumer: { durable: clusterDurables.secrets, filterSubject: subjects.templateFilter(secretResource) },
        projections: [secretsProjection],
        reconciler: ClusterSecretReconciler,
      },
      {
        consumer: { durable: clusterDurables.works, filterSubject: subjects.aggregateFilter(aggregates.work), batchSize: 500 },
        projections: [worksProjection],
        reconciler: ExecutionSpaceReconciler,
      },
      {
        // Work status subjects carry every report; only the clean-ups matter here (the reports are not decoded).
        consumer: {
          durable: clusterDurables.workCleanups,
          filterSubject: subjects.aggregateFilter(aggregates.workStatus),
          batchSize: 500,
          eventTypes: [WorkCleanedUp.type],
        },
        projections: [workCleanupsProjection],
        reconciler: ExecutionSpaceReconciler,
        readsStatuses: true,
      },
    ],
  };
}

export const clusterService: ServiceDefinition = defineClusterService();
