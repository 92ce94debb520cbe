import { join } from 'node:path';
import { booleanSetting, ConfigError, defaultRuntimeEnv, type RuntimeConfig } from '@karmada-ts/service-runtime';

/** The gateway's own settings, from the environment it was started with (README: GATEWAY_*). */
export interface GatewayConfig {
  /** HTTPS port of the Kubernetes API; 0 picks a free one (logged, and written into the admin kubeconfig). */
  readonly port: number;
  readonly host: string;
  readonly stateDir: string;
  readonly tlsCertFile: string | undefined;
  readonly tlsKeyFile: string | undefined;
  readonly tokenFile: string;
  /** Where the admin kubeconfig goes (`kubectl --kubeconfig <stateDir>/kubeconfig get clusters`). */
  readonly kubeconfigFile: string;
  /** KARMADA_SECRET_KEY (base64 of 32 bytes); without it the key is generated into the state directory. */
  readonly secretKey: string | undefined;
  /** How many events behind the stream head a watch may start; older versions answer 410 Expired. */
  readonly watchHistory: number;
  /**
   * Whether created templates and Clusters get the controllers' cleanup finalizers, so their deletion waits until the
   * controllers removed what they propagated (GATEWAY_CLEANUP_FINALIZERS, default true). False serves the API alone,
   * without controllers to release them.
   */
  readonly cleanupFinalizers: boolean;
}

export function loadGatewayConfig(runtime: RuntimeConfig): GatewayConfig {
  const env = runtime.env;
  const rawPort = env.GATEWAY_PORT?.trim() || defaultRuntimeEnv.GATEWAY_PORT;
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`GATEWAY_PORT="${rawPort}" is not valid: expected an integer from 0 to 65535`);
  }
  const rawHistory = env.GATEWAY_WATCH_HISTORY?.trim() || '100000';
  const watchHistory = Number(rawHistory);
  if (!Number.isInteger(watchHistory) || watchHistory < 1) {
    throw new ConfigError(`GATEWAY_WATCH_HISTORY="${rawHistory}" is not valid: expected a positive integer`);
  }
  return {
    port,
    watchHistory,
    cleanupFinalizers: booleanSetting(env, 'GATEWAY_CLEANUP_FINALIZERS', true),
    host: runtime.httpHost,
    stateDir: runtime.stateDir,
    tlsCertFile: env.GATEWAY_TLS_CERT?.trim() || undefined,
    tlsKeyFile: env.GATEWAY_TLS_KEY?.trim() || undefined,
    tokenFile: env.GATEWAY_TOKEN_FILE?.trim() || join(runtime.stateDir, 'tokens.csv'),
    kubeconfigFile: join(runtime.stateDir, 'kubeconfig'),
    secretKey: env.KARMADA_SECRET_KEY?.trim() || undefined,
  };
}
