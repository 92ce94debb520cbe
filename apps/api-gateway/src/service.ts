import { coreEvents } from '@karmada-ts/contracts';
import type { ServiceDefinition } from '@karmada-ts/service-runtime';
import { ApiGatewayModule } from './api-gateway.module.js';

/** api-gateway: kubernetes-style REST API for kubectl: writes become events, reads come from projections. */
export const apiGatewayService: ServiceDefinition = {
  name: 'api-gateway',
  module: ApiGatewayModule,
  events: coreEvents,
};
