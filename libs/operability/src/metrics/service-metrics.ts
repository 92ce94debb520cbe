import { collectDefaultMetrics, Registry } from 'prom-client';
import { BackboneMetrics } from './backbone-metrics.js';

/** A service's own metric registry (never prom-client's global one) and the backbone metrics in it. */
export interface ServiceMetrics {
  readonly registry: Registry;
  readonly backbone: BackboneMetrics;
}

/**
 * Creates the registry of one service: every metric carries the label `service`, and the Node process metrics
 * (CPU, memory, event loop lag) are collected unless `processMetrics` is false.
 */
export function createServiceMetrics(service: string, options: { processMetrics?: boolean } = {}): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  return { registry, backbone: new BackboneMetrics(registry) };
}
