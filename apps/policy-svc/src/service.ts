import { coreEvents } from '@karmada-ts/contracts';
import type { ServiceDefinition } from '@karmada-ts/service-runtime';
import { PolicyModule } from './policy.module.js';

/** policy-svc: the resource detector: matches templates to propagation policies and produces bindings. */
export const policyService: ServiceDefinition = {
  name: 'policy-svc',
  module: PolicyModule,
  events: coreEvents,
};
