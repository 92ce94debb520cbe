import { coreEvents } from '@karmada-ts/contracts';
import type { ServiceDefinition } from '@karmada-ts/service-runtime';
import { BindingModule } from './binding.module.js';

/** binding-svc: renders one Work per target cluster with overrides applied, and aggregates status. */
export const bindingService: ServiceDefinition = {
  name: 'binding-svc',
  module: BindingModule,
  events: coreEvents,
};
