import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** What a client needs from the kubeconfig the gateway (or member-sim) wrote: the server URL, its CA and a token. */
export interface KubeconfigAccess {
  readonly server: URL;
  readonly ca: string;
  readonly token: string;
}

export function readKubeconfigAccess(kubeconfigPath: string): KubeconfigAccess {
  const config = parse(readFileSync(kubeconfigPath, 'utf8')) as {
    clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
    users: { user: { token: string } }[];
  };
  const cluster = config.clusters[0]!.cluster;
  return {
    server: new URL(cluster.server),
    ca: Buffer.from(cluster['certificate-authority-data'], 'base64').toString('utf8'),
    token: config.users[0]!.user.token,
  };
}
