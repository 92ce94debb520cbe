import { stringify } from 'yaml';

/** The kubeconfig of one simulated cluster: HTTPS server URL with the cluster prefix, the CA, a bearer token. */
export function kubeconfigYaml(name: string, server: string, caPem: string, token: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') } }],
    users: [{ name, user: { token } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    'current-context': name,
  });
}
