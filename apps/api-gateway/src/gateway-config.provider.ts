import type { Provider } from '@nestjs/common';
import { RUNTIME_CONFIG, type RuntimeConfig } from '@karmada-ts/service-runtime';
import { loadGatewayConfig } from './config/gateway-config.js';

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export const gatewayConfigProvider: Provider = {
  provide: GATEWAY_CONFIG,
  useFactory: (runtime: RuntimeConfig) => loadGatewayConfig(runtime),
  inject: [RUNTIME_CONFIG],
};
