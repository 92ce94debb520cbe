import { ConfigError, type RuntimeConfig } from '@karmada-ts/service-runtime';
import { DefaultGracefulEvictionTimeoutSeconds, type FailoverSettings } from '@karmada-ts/domain';

/** scheduler-svc's own settings (README: FAILOVER_ENABLED, GRACEFUL_EVICTION_TIMEOUT_SECONDS). */
export interface SchedulerConfig {
  readonly failover: FailoverSettings;
}

export const SCHEDULER_CONFIG = Symbol('SCHEDULER_CONFIG');

/**
 * FAILOVER_ENABLED: "true" (the default) or "false"; NoExecute taints and application failures evict bindings only
 * when on. GRACEFUL_EVICTION_TIMEOUT_SECONDS (Karmada's --graceful-eviction-timeout, 600 by default): how long an
 * eviction task without gracePeriodSeconds keeps the old Work, and how long a failback waits for health.
 */
export function loadSchedulerConfig(runtime: Pick<RuntimeConfig, 'env'>): SchedulerConfig {
  const raw = runtime.env.FAILOVER_ENABLED?.trim().toLowerCase() || 'true';
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(`FAILOVER_ENABLED="${raw}" is not valid: expected true or false`);
  const timeout = runtime.env.GRACEFUL_EVICTION_TIMEOUT_SECONDS?.trim() || String(DefaultGracefulEvictionTimeoutSeconds);
  const seconds = Number(timeout);
  if (!/^\d+(\.\d+)?$/.test(timeout) || !(seconds > 0)) {
    throw new ConfigError(`GRACEFUL_EVICTION_TIMEOUT_SECONDS="${timeout}" is not valid: expected a number of seconds greater than 0`);
  }
  return { failover: { enabled: raw === 'true', gracefulEvictionTimeoutSeconds: seconds } };
}
