import { Module, type Provider } from '@nestjs/common';
import { RUNTIME_CONFIG, type RuntimeConfig } from '@karmada-ts/service-runtime';
import { loadSchedulerConfig, SCHEDULER_CONFIG } from './config/scheduler-config.js';
import { ClusterCache } from './placement/cluster-cache.js';
import { ClusterChanges } from './placement/cluster-changes.js';
import { PlacementResync } from './placement/placement-resync.js';
import { PlacementSync } from './placement/placement-sync.js';
import { PlacementTimers } from './placement/placement-timers.js';
import { SchedulerReadModel } from './read-models/scheduler-read-model.js';
import { BindingHealthReconciler } from './reconcilers/binding-health.reconciler.js';
import { BindingsReconciler } from './reconcilers/bindings.reconciler.js';
import { ClustersReconciler } from './reconcilers/clusters.reconciler.js';

const configProvider: Provider = {
  provide: SCHEDULER_CONFIG,
  useFactory: (runtime: RuntimeConfig) => loadSchedulerConfig(runtime),
  inject: [RUNTIME_CONFIG],
};

const placement = [SchedulerReadModel, ClusterCache, ClusterChanges, PlacementTimers, PlacementSync, PlacementResync];
const reconcilers = [BindingsReconciler, ClustersReconciler, BindingHealthReconciler];

/** Placement: filters, scores and divides replicas, evicts from NoExecute-tainted clusters, and publishes decisions. */
@Module({ providers: [configProvider, ...placement, ...reconcilers] })
export class SchedulerModule {}
