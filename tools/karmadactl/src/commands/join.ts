import { CoreV1Api, VersionApi, type KubernetesObject, type KubernetesObjectApi } from '@kubernetes/client-node';
import { ReservedNamespace, type Cluster } from '@karmada-ts/domain';
import { apiStatusCode, CliError, describeApiError, usageError } from '../cli-error.js';
import type { Command } from '../command.js';
import { controlPlaneApi, controlPlaneKubeconfigPath } from '../control-plane.js';
import { readMemberCredentials, type MemberCredentials } from '../member-credentials.js';
import { validateClusterName } from '../cluster-name.js';
import { parseCommandArgs } from '../command-args.js';

const usage = `Usage: karmadactl join <name> --cluster-kubeconfig FILE [--cluster-context CTX] [--cluster-provider P]
                      [--cluster-region R] [--cluster-zones Z1,Z2] [--kubeconfig CONTROL_PLANE_KUBECONFIG]

Joins a member cluster in Push mode: checks that the member answers, stores its credentials as a Secret in the
karmada-cluster namespace of the control plane and creates the Cluster with secretRef.`;

async function probeMember(credentials: MemberCredentials): Promise<{ version: string; id?: string }> {
  try {
    const version = await credentials.kubeConfig.makeApiClient(VersionApi).getCode();
    let id: string | undefined;
    try {
      id = (await credentials.kubeConfig.makeApiClient(CoreV1Api).readNamespace({ name: 'kube-system' })).metadata?.uid;
    } catch {
      // Karmada takes the kube-system namespace's uid as the cluster id when it can read it; it is optional.
    }
    return { version: version.gitVersion, ...(id ? { id } : {}) };
  } catch (error) {
    throw new CliError(
      `the member cluster at ${credentials.server} does not answer: ${describeApiError(error)}; ` +
        'check --cluster-kubeconfig / --cluster-context and that the cluster is running. Nothing was created.',
    );
  }
}

function secretFor(name: string, credentials: MemberCredentials): KubernetesObject & { data: Record<string, string> } {
  const b64 = (value: string) => Buffer.from(value, 'utf8').toString('base64');
  const data: Record<string, string> = {};
  if (credentials.token) data.token = b64(credentials.token);
  if (credentials.caBundle) data.caBundle = b64(credentials.caBundle);
  if (credentials.clientCertificate) data.clientCertificate = b64(credentials.clientCertificate);
  if (credentials.clientKey) data.clientKey = b64(credentials.clientKey);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace: ReservedNamespace.KarmadaCluster },
    type: 'Opaque',
    data,
  } as KubernetesObject & { data: Record<string, string> };
}

function clusterFor(
  name: string,
  credentials: MemberCredentials,
  flags: { provider?: string; region?: string; zones?: string[]; id?: string },
): Cluster {
  return {
    apiVersion: 'cluster.karmada.io/v1alpha1',
    kind: 'Cluster',
    metadata: { name },
    spec: {
      syncMode: 'Push',
      apiEndpoint: credentials.server,
      secretRef: { namespace: ReservedNamespace.KarmadaCluster, name },
      ...(credentials.insecureSkipTLSVerify ? { insecureSkipTLSVerification: true } : {}),
      ...(flags.id ? { id: flags.id } : {}),
      ...(flags.provider ? { provider: flags.provider } : {}),
      ...(flags.region ? { region: flags.region } : {}),
      ...(flags.zones?.length ? { zones: flags.zones } : {}),
    },
  };
}

async function ensureNamespace(api: KubernetesObjectApi, name: string): Promise<void> {
  try {
    await api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  } catch (error) {
    if (apiStatusCode(error) !== 409) throw error;
  }
}

export const joinCommand: Command = {
  name: 'join',
  summary: 'Register a member cluster with the control plane (Push mode)',
  usage,
  async run(argv, out) {
    const parsed = parseCommandArgs(argv, {
          'cluster-kubeconfig': { type: 'string' },
          'cluster-context': { type: 'string' },
          'cluster-provider': { type: 'string' },
          'cluster-region': { type: 'string' },
          'cluster-zones': { type: 'string' },
          kubeconfig: { type: 'string' },
        }, usage);
    const [name, ...extra] = parsed.positionals;
    if (!name || extra.length > 0) throw usageError('join takes exactly one cluster name', usage);
    validateClusterName(name);
    const memberKubeconfig = parsed.values['cluster-kubeconfig'];
    if (!memberKubeconfig) throw usageError('--cluster-kubeconfig is required', usage);

    const api = controlPlaneApi(controlPlaneKubeconfigPath(parsed.values.kubeconfig));
    const credentials = readMemberCredentials(memberKubeconfig, parsed.values['cluster-context']);
    const member = await probeMember(credentials);

    const zones = parsed.values['cluster-zones']?.split(',').map((z) => z.trim()).filter(Boolean);
    const cluster = clusterFor(name, credentials, {
      provider: parsed.values['cluster-provider'],
      region: parsed.values['cluster-region'],
      zones,
      id: member.id,
    });
    try {
      await api.read({ apiVersion: cluster.apiVersion, kind: cluster.kind, metadata: { name } });
      throw new CliError(`cluster "${name}" is already joined; unjoin it first to join it again`);
    } catch (error) {
      if (error instanceof CliError) throw error;
      if (apiStatusCode(error) !== 404) throw new CliError(`cannot reach the control plane: ${describeApiError(error)}`);
    }

    await ensureNamespace(api, ReservedNamespace.KarmadaCluster);
    const secret = secretFor(name, credentials);
    try {
      await api.create(secret);
    } catch (error) {
      if (apiStatusCode(error) !== 409) throw new CliError(`cannot store the member credentials: ${describeApiError(error)}`);
      await api.replace(secret);
    }
    try {
      await api.create(cluster as unknown as KubernetesObject);
    } catch (error) {
      await api.delete(secret).catch(() => undefined);
      throw new CliError(`cannot create cluster "${name}": ${describeApiError(error)}`);
    }
    out(`cluster(${name}) is joined successfully (Kubernetes ${member.version})`);
  },
};
