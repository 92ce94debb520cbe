import { ConfigError, type ReplicaPartition, type RuntimeConfig } from '@karmada-ts/service-runtime';

/**
 * cluster-svc's own settings (CLUSTER_*) from the environment it was started with, and the replica partition the
 * runtime read from it (RuntimeConfig.partition).
 */
export interface ClusterSvcConfig extends ReplicaPartition {
  /** How often each cluster is probed and its status collected (Karmada's --cluster-status-update-frequency). */
  readonly statusIntervalMs: number;
  /** --cluster-failure-threshold: how long a failure must persist before Ready turns False. */
  readonly failureThresholdMs: number;
  /** --cluster-success-threshold: how long a recovery must persist before Ready turns True. */
  readonly successThresholdMs: number;
  /** How long a cluster stays not Ready before its controller taint gets the NoExecute effect (failover). */
  readonly noExecuteGraceMs: number;
  /**
   * How long a Ready member's version and API enablements are reused before they are read again; sooner after a
   * failed probe, a broken node or pod watch or a discovery that failed in part. Karmada reads them every round.
   */
  readonly discoveryIntervalMs: number;
  /** Bound of one health probe (/readyz, then /healthz). */
  readonly probeTimeoutMs: number;
  /** Probes and collections in flight over all members. */
  readonly concurrency: number;
}

export const CLUSTER_SVC_CONFIG = Symbol('CLUSTER_SVC_CONFIG');

export function loadClusterSvcConfig(runtime: Pick<RuntimeConfig, 'env' | 'partition'>): ClusterSvcConfig {
  const env = runtime.env;
  return {
    statusIntervalMs: seconds('CLUSTER_STATUS_INTERVAL_SECONDS', env.CLUSTER_STATUS_INTERVAL_SECONDS, 10, 0.05),
    failureThresholdMs: seconds('CLUSTER_FAILURE_THRESHOLD_SECONDS', env.CLUSTER_FAILURE_THRESHOLD_SECONDS, 30, 0),
    successThresholdMs: seconds('CLUSTER_SUCCESS_THRESHOLD_SECONDS', env.CLUSTER_SUCCESS_THRESHOLD_SECONDS, 30, 0),
    noExecuteGraceMs: seconds('CLUSTER_NOEXECUTE_GRACE_SECONDS', env.CLUSTER_NOEXECUTE_GRACE_SECONDS, 60, 0),
    discoveryIntervalMs: seconds('CLUSTER_DISCOVERY_INTERVAL_SECONDS', env.CLUSTER_DISCOVERY_INTERVAL_SECONDS, 60, 0),
    probeTimeoutMs: seconds('CLUSTER_PROBE_TIMEOUT_SECONDS', env.CLUSTER_PROBE_TIMEOUT_SECONDS, 5, 0.05),
    concurrency: integer('CLUSTER_STATUS_CONCURRENCY', env.CLUSTER_STATUS_CONCURRENCY, 32, 1, 1024),
    ...runtime.partition,
  };
}

/** A duration in seconds (decimals allowed, so tests can use 0.5 s), as milliseconds. */
function seconds(name: string, raw: string | undefined, fallback: number, min: number): number {
  const text = raw?.trim();
  if (!text) return fallback * 1000;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min) throw new ConfigError(`${name}="${text}" is not valid: expected a number of seconds ≥ ${min}`);
  return Math.round(value * 1000);
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  const text = raw?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(`${name}="${text}" is not valid: expected an integer from ${min} to ${max}`);
  return value;
}
