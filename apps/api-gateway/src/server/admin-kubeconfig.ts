import { stringify } from 'yaml';

/** A kubeconfig for the gateway: its HTTPS address, the CA to trust, a bearer token. */
export function kubeconfigYaml(options: { server: string; caPem: string; user: string; token: string; name?: string }): string {
  const name = options.name ?? 'karmada-ts';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: options.server, 'certificate-authority-data': Buffer.from(options.caPem).toString('base64') } }],
    users: [{ name: options.user, user: { token: options.token } }],
    contexts: [{ name, context: { cluster: name, user: options.user } }],
    'current-context': name,
    preferences: {},
  });
}
