import { readFileSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { CliError } from './cli-error.js';

/** How the control plane reaches a member in Push mode: its endpoint and the credentials to store in a Secret. */
export interface MemberCredentials {
  readonly server: string;
  readonly insecureSkipTLSVerify: boolean;
  /** PEM, when the kubeconfig names a CA. */
  readonly caBundle?: string;
  readonly token?: string;
  /** PEM client certificate and key, for kubeconfigs that authenticate with certificates instead of a token. */
  readonly clientCertificate?: string;
  readonly clientKey?: string;
  readonly kubeConfig: KubeConfig;
}

function fileOrData(data: string | undefined, file: string | undefined): string | undefined {
  if (data) return Buffer.from(data, 'base64').toString('utf8');
  if (file) return readFileSync(file, 'utf8');
  return undefined;
}

export function readMemberCredentials(kubeconfigPath: string, context?: string): MemberCredentials {
  const kubeConfig = new KubeConfig();
  try {
    kubeConfig.loadFromFile(kubeconfigPath);
  } catch (error) {
    throw new CliError(`cannot read the member kubeconfig ${kubeconfigPath}: ${(error as Error).message}`);
  }
  if (context) {
    if (!kubeConfig.getContextObject(context)) {
      const known = kubeConfig.getContexts().map((c) => c.name);
      throw new CliError(`context "${context}" is not in ${kubeconfigPath} (it has: ${known.join(', ') || 'none'})`);
    }
    kubeConfig.setCurrentContext(context);
  }
  const cluster = kubeConfig.getCurrentCluster();
  const user = kubeConfig.getCurrentUser();
  if (!cluster || !user) {
    throw new CliError(`${kubeconfigPath} has no current context with a cluster and a user; pass --cluster-context`);
  }
  const token = user.token;
  const clientCertificate = fileOrData(user.certData, user.certFile);
  const clientKey = fileOrData(user.keyData, user.keyFile);
  if (!token && !(clientCertificate && clientKey)) {
    throw new CliError(
      `the member kubeconfig's user "${user.name}" has neither a bearer token nor a client certificate and key; ` +
        'Push mode needs credentials it can store',
    );
  }
  const caBundle = fileOrData(cluster.caData, cluster.caFile);
  return {
    server: cluster.server,
    insecureSkipTLSVerify: cluster.skipTLSVerify === true,
    kubeConfig,
    ...(caBundle ? { caBundle } : {}),
    ...(token ? { token } : { clientCertificate, clientKey }),
  };
}
