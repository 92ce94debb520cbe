import { ConfigError, type RuntimeConfig } from '@karmada-ts/service-runtime';
import type { FailoverSettings } from '@karmada-ts/domain';

/** scheduler-svc's own settings (README: FAILOVER_ENABLED). */
export interface SchedulerConfig {
  readonly failover: FailoverSettings;
}

export const SCHEDULER_CONFIG = Symbol('SCHEDULER_CONFIG');

/** FAILOVER_ENABLED: "true" (the default) or "false"; NoExecute taints evict bindings only when on. */
export function loadSchedulerConfig(runtime: Pick<RuntimeConfig, 'env'>): SchedulerConfig {
  const raw = runtime.env.FAILOVER_ENABLED?.trim().toLowerCase() || 'true';
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(`FAILOVER_ENABLED="${raw}" is not valid: expected true or false`);
  return { failover: { enabled: raw === 'true' } };
}
