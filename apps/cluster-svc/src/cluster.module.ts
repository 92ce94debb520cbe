import { Module, type Provider, type Type } from '@nestjs/common';
import { ClusterStatusCollector } from '@karmada-ts/member-access';
import { RUNTIME_CONFIG, type RuntimeConfig } from '@karmada-ts/service-runtime';
import { CLUSTER_SVC_CONFIG, loadClusterSvcConfig, type ClusterSvcConfig } from './config/cluster-svc-config.js';
import { ClusterFinalizerReleaser } from './finalizer/cluster-finalizer.releaser.js';
import { ClusterFleet } from './members/cluster-fleet.js';
import { MemberDisruptions } from './members/member-disruptions.js';
import { MEMBER_CREDENTIALS } from './members/member-credentials.js';
import { SealedSecretCredentials } from './members/sealed-secret-credentials.js';
import { ClusterReadModel } from './read-models/cluster-read-model.js';
import { LiveWorksReader } from './read-models/live-works.reader.js';
import { ClusterSecretReconciler } from './reconcilers/cluster-secret.reconciler.js';
import { ClusterSpecReconciler } from './reconcilers/cluster-spec.reconciler.js';
import { ExecutionSpaceReconciler } from './reconcilers/execution-space.reconciler.js';
import { ClusterStatusPublisher } from './status/cluster-status.publisher.js';
import { ClusterStatusRefresher } from './status/cluster-status.refresher.js';

const configProvider: Provider = {
  provide: CLUSTER_SVC_CONFIG,
  useFactory: (runtime: RuntimeConfig) => loadClusterSvcConfig(runtime),
  inject: [RUNTIME_CONFIG],
};

const collectorProvider: Provider = {
  provide: ClusterStatusCollector,
  useFactory: (config: ClusterSvcConfig, disruptions: MemberDisruptions) =>
    new ClusterStatusCollector({
      concurrency: config.concurrency,
      probeTimeoutMs: config.probeTimeoutMs,
      discoveryIntervalMs: config.discoveryIntervalMs,
      onCacheError: (cluster) => disruptions.report(cluster),
    }),
  inject: [CLUSTER_SVC_CONFIG, MemberDisruptions],
};

/** Member credentials from the gateway's sealed Secrets (the production source). */
export const sealedSecretCredentials: Provider = { provide: MEMBER_CREDENTIALS, useClass: SealedSecretCredentials };

const readModels = [ClusterReadModel, LiveWorksReader];
const controllers = [ClusterStatusPublisher, ClusterStatusRefresher, ClusterFinalizerReleaser, ClusterFleet];
const reconcilers = [ClusterSpecReconciler, ClusterSecretReconciler, ExecutionSpaceReconciler];

/**
 * Member cluster lifecycle: health, capacity, API enablements, controller taints and the cluster finalizer. Built
 * with the source of member credentials (tests and benchmarks pass one of their own).
 */
export function createClusterModule(credentials: Provider = sealedSecretCredentials): Type<unknown> {
  @Module({ providers: [configProvider, MemberDisruptions, collectorProvider, credentials, ...readModels, ...controllers, ...reconcilers] })
  class ClusterModule {}
  return ClusterModule;
}
