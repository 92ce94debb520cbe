import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import { CliError } from './cli-error.js';

/** The control plane's kubeconfig: --kubeconfig, else $KARMADA_STATE_DIR/kubeconfig (default .karmada/kubeconfig). */
export function controlPlaneKubeconfigPath(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag ?? join(env.KARMADA_STATE_DIR?.trim() || '.karmada', 'kubeconfig');
}

export function controlPlaneApi(kubeconfigPath: string): KubernetesObjectApi {
  if (!existsSync(kubeconfigPath)) {
    throw new CliError(
      `the control-plane kubeconfig ${kubeconfigPath} does not exist; start the stack with \`npm start\` or pass --kubeconfig`,
    );
  }
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfigPath);
  return KubernetesObjectApi.makeApiClient(kubeConfig);
}
