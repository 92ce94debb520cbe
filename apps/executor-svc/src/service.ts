import { coreEvents } from '@karmada-ts/contracts';
import type { ServiceDefinition } from '@karmada-ts/service-runtime';
import { ExecutorModule } from './executor.module.js';

/** executor-svc: applies Works in member clusters, reflects their status and repairs drift. */
export const executorService: ServiceDefinition = {
  name: 'executor-svc',
  module: ExecutorModule,
  events: coreEvents,
};
