import type { Registry } from 'prom-client';
import type { ReadinessRegistry } from './readiness.js';

export const OPERABILITY_OPTIONS = Symbol('OPERABILITY_OPTIONS');

export interface OperabilityOptions {
  /** The service's metric registry (from createServiceMetrics). */
  readonly registry: Registry;
  /** The service's readiness checks. */
  readonly readiness: ReadinessRegistry;
}
