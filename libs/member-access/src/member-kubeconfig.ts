import { KubeConfig } from '#client-node-config';
import type { Cluster } from '@karmada-ts/domain';

/** What `karmadactl join` stores in the cluster's Secret (data.token, data.caBundle, …), decoded to plain strings. */
export interface MemberCredentials {
  token?: string;
  /** PEM, one or more CA certificates. */
  caBundle?: string;
  /** PEM client certificate and key, an alternative to the token. */
  clientCertificate?: string;
  clientKey?: string;
}

/** The Cluster or its Secret cannot make a client (Karmada's BuildClusterConfig errors). Retrying will not help. */
export class MemberConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MemberConfigError';
  }
}

/**
 * The client configuration for one member, as Karmada's BuildClusterConfig makes it: server = spec.apiEndpoint (https
 * when it names no scheme), spec.insecureSkipTLSVerification instead of the CA bundle, spec.proxyURL as the egress
 * proxy (http, https or socks). spec.proxyHeader is not supported: client-node's proxy agents take no extra headers.
 */
export function memberKubeConfig(cluster: Cluster, credentials: MemberCredentials): KubeConfig {
  const name = cluster.metadata.name;
  if (!name) throw new MemberConfigError('the cluster has no name');
  const endpoint = cluster.spec.apiEndpoint?.trim();
  if (!endpoint) throw new MemberConfigError(`the api endpoint of cluster ${name} is empty`);
  const { token, caBundle, clientCertificate, clientKey } = credentials;
  if (!token && !(clientCertificate && clientKey)) throw new MemberConfigError(`the secret for cluster ${name} has neither a token nor a client certificate and key`);
  const skipTLSVerify = cluster.spec.insecureSkipTLSVerification === true;
  const server = (/^https?:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`).replace(/\/+$/, '');
  // client-node refuses plain http unless TLS verification is off; say so now rather than on every request.
  if (/^http:/i.test(server) && !skipTLSVerify) throw new MemberConfigError(`the api endpoint of cluster ${name} is plain http, which needs insecureSkipTLSVerification`);
  if (!skipTLSVerify && !caBundle) throw new MemberConfigError(`the secret for cluster ${name} is missing the CA data key "caBundle"`);

  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name,
        server,
        skipTLSVerify,
        ...(!skipTLSVerify && caBundle ? { caData: base64(caBundle) } : {}),
        ...(cluster.spec.proxyURL ? { proxyUrl: cluster.spec.proxyURL } : {}),
      },
    ],
    users: [
      {
        name,
        ...(token ? { token } : {}),
        ...(clientCertificate && clientKey ? { certData: base64(clientCertificate), keyData: base64(clientKey) } : {}),
      },
    ],
    contexts: [{ name, cluster: name, user: name }],
    currentContext: name,
  });
  return kubeConfig;
}

function base64(pem: string): string {
  return Buffer.from(pem, 'utf8').toString('base64');
}
