import { coreEvents } from '@karmada-ts/contracts';
import type { ServiceDefinition } from '@karmada-ts/service-runtime';
import { ClusterModule } from './cluster.module.js';

/** cluster-svc: member cluster lifecycle: health, capacity, API enablements and controller taints. */
export const clusterService: ServiceDefinition = {
  name: 'cluster-svc',
  module: ClusterModule,
  events: coreEvents,
};
