import { coreEvents } from '@karmada-ts/contracts';
import type { ServiceDefinition } from '@karmada-ts/service-runtime';
import { SchedulerModule } from './scheduler.module.js';

/** scheduler-svc: placement: filters, scores and divides replicas, and publishes placement decisions. */
export const schedulerService: ServiceDefinition = {
  name: 'scheduler-svc',
  module: SchedulerModule,
  events: coreEvents,
};
