import { ConfigError } from './config-error.js';
import { loadReplicaPartition, type ReplicaPartition } from './replica-partition.js';
import { serviceDescriptor, type ServiceName } from './service-catalog.js';

export { ConfigError };

/**
 * Configuration every service reads from its environment. The same variables drive `npm start`, docker-compose and
 * the tests; README.md documents them.
 */
export interface RuntimeConfig {
  readonly service: ServiceName;
  /** NATS server(s), comma-separated. */
  readonly natsUrl: string;
  /** Postgres connection URL; the database is created when missing. */
  readonly databaseUrl: string;
  /** Names the JetStream stream, the subject prefix and the Postgres schemas, so stacks can share NATS and Postgres. */
  readonly instance: string;
  /** Local state: kubeconfigs, certificates, keys, NATS data when the launcher starts NATS. */
  readonly stateDir: string;
  /** Port of this process's HTTP endpoints (health, readiness, metrics); 0 picks a free one. */
  readonly httpPort: number;
  /** Address the HTTP endpoints listen on (0.0.0.0 inside containers). */
  readonly httpHost: string;
  /** Replicas of the JetStream stream (3 or 5 on a NATS cluster). */
  readonly streamReplicas: number;
  /** How long a consumer's batch waits for more events before it is handled (ConsumerSpec.lingerMs), unless set. */
  readonly consumerLingerMs: number;
  /** The same for consumers of status events (ProjectionConsumer.readsStatuses). */
  readonly statusLingerMs: number;
  readonly logLevel: string;
  /** The share of the member clusters this replica serves (cluster-svc's probes, executor-svc's Works). */
  readonly partition: ReplicaPartition;
  /** The environment the service was started with, for the settings of one service (the gateway's GATEWAY_*). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export const defaultRuntimeEnv = {
  NATS_URL: 'nats://127.0.0.1:4222',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/karmada',
  KARMADA_INSTANCE: 'karmada',
  KARMADA_STATE_DIR: '.karmada',
  KARMADA_STREAM_REPLICAS: '1',
  KARMADA_CONSUMER_LINGER_MS: '30',
  KARMADA_STATUS_LINGER_MS: '500',
  LOG_LEVEL: 'info',
  HTTP_HOST: '127.0.0.1',
  GATEWAY_PORT: '8443',
} as const;

/**
 * Variables with a default in the code that reads them: the gateway's TLS files and token file (generated into the
 * state directory when absent), how far back its watches may start (100,000 events), and the secret key (generated
 * by the gateway into the state directory when absent).
 */
export const optionalRuntimeEnvNames = [
  'GATEWAY_TLS_CERT',
  'GATEWAY_TLS_KEY',
  'GATEWAY_TOKEN_FILE',
  'GATEWAY_WATCH_HISTORY',
  'GATEWAY_CLEANUP_FINALIZERS',
  'KARMADA_SECRET_KEY',
  // cluster-svc's timings (defaults in apps/cluster-svc/src/config), then the replica partition of cluster-svc and
  // executor-svc: KARMADA_REPLICA is set by the stack launcher, and clusters are partitioned only when
  // KARMADA_REPLICAS is set as well (replica-partition.ts).
  'CLUSTER_STATUS_INTERVAL_SECONDS',
  'CLUSTER_FAILURE_THRESHOLD_SECONDS',
  'CLUSTER_SUCCESS_THRESHOLD_SECONDS',
  'CLUSTER_NOEXECUTE_GRACE_SECONDS',
  'CLUSTER_PROBE_TIMEOUT_SECONDS',
  'CLUSTER_STATUS_CONCURRENCY',
  'CLUSTER_DISCOVERY_INTERVAL_SECONDS',
  'KARMADA_REPLICA',
  'KARMADA_REPLICAS',
  // scheduler-svc: failover (NoExecute taints, application failures) unless this is "false", and how long a graceful
  // eviction or a failback waits at most.
  'FAILOVER_ENABLED',
  'GRACEFUL_EVICTION_TIMEOUT_SECONDS',
  // policy-svc: Karmada's PolicyPreemption feature gate ("true" lets `preemption: Always` policies take claims).
  'POLICY_PREEMPTION_ENABLED',
] as const;

/** The environment variables a service reads (the docker-compose test checks the file against this list). */
export const runtimeEnvNames = [...Object.keys(defaultRuntimeEnv), 'HTTP_PORT', ...optionalRuntimeEnvNames] as const;

const instancePattern = /^[a-z][a-z0-9-]{0,39}$/;

export function loadRuntimeConfig(service: ServiceName, env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const value = (name: keyof typeof defaultRuntimeEnv): string => env[name]?.trim() || defaultRuntimeEnv[name];
  const instance = value('KARMADA_INSTANCE');
  if (!instancePattern.test(instance)) {
    throw new ConfigError(
      `KARMADA_INSTANCE="${instance}" is not valid: use 1-40 lower-case letters, digits or '-', starting with a letter`,
    );
  }
  return {
    service,
    natsUrl: value('NATS_URL'),
    databaseUrl: value('DATABASE_URL'),
    instance,
    stateDir: value('KARMADA_STATE_DIR'),
    httpHost: value('HTTP_HOST'),
    httpPort: integer('HTTP_PORT', env.HTTP_PORT ?? String(serviceDescriptor(service).port), 0, 65535),
    streamReplicas: integer('KARMADA_STREAM_REPLICAS', value('KARMADA_STREAM_REPLICAS'), 1, 5),
    consumerLingerMs: integer('KARMADA_CONSUMER_LINGER_MS', value('KARMADA_CONSUMER_LINGER_MS'), 0, 1000),
    statusLingerMs: integer('KARMADA_STATUS_LINGER_MS', value('KARMADA_STATUS_LINGER_MS'), 0, 5000),
    logLevel: value('LOG_LEVEL'),
    partition: loadReplicaPartition(env),
    env,
  };
}

/** A "true"/"false" setting (case and surrounding blanks ignored; unset or empty: the default). */
export function booleanSetting(env: NodeJS.ProcessEnv, name: string, defaultValue: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase() || String(defaultValue);
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(`${name}="${env[name]}" is not valid: expected true or false`);
  return raw === 'true';
}

function integer(name: string, raw: string, min: number, max: number): number {
  const parsed = Number(raw);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new ConfigError(`${name}="${raw}" is not valid: expected an integer from ${min} to ${max}`);
  }
  return parsed;
}
