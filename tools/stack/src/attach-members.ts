import { execFile } from 'node:child_process';
import { KubeConfig, KubernetesObjectApi, type KubernetesObject } from '@kubernetes/client-node';
import type { MemberPlan } from './member-plan.js';

export interface AttachContext {
  /** The control plane's admin kubeconfig (written by the api-gateway). */
  readonly controlPlaneKubeconfig: string;
  /** Where member-sim wrote `<name>.kubeconfig`. */
  readonly memberKubeconfig: (name: string) => string;
  /** The member's current server URL, token and CA (member-sim's, fresh on every start). */
  readonly memberAccess: (name: string) => { server: string; token: string; caPem: string };
  /** Runs `karmadactl …`; resolves to its exit code and output. */
  readonly karmadactl: (args: readonly string[]) => Promise<{ code: number; output: string }>;
}

export type AttachOutcome = { readonly name: string; readonly action: 'joined' | 'refreshed' } | { readonly name: string; readonly error: string };

/**
 * Joins each planned member with `karmadactl join`, as a user would. A member that is already joined (a restart of
 * `npm start` keeps the control plane's state, while member-sim starts fresh clusters with new credentials) gets its
 * stored endpoint and credentials refreshed instead.
 */
export async function attachMembers(plan: readonly MemberPlan[], context: AttachContext): Promise<AttachOutcome[]> {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(context.controlPlaneKubeconfig);
  const api = KubernetesObjectApi.makeApiClient(kubeConfig);
  const outcomes: AttachOutcome[] = [];
  for (const member of plan) {
    const name = member.cluster.name;
    const exists = await api
      .read({ apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name } })
      .then(() => true, (error: { code?: number }) => (error.code === 404 ? false : Promise.reject(error)));
    if (!exists) {
      const args = ['join', name, '--cluster-kubeconfig', context.memberKubeconfig(name), '--kubeconfig', context.controlPlaneKubeconfig];
      if (member.join.provider) args.push('--cluster-provider', member.join.provider);
      if (member.join.region) args.push('--cluster-region', member.join.region);
      if (member.join.zones?.length) args.push('--cluster-zones', member.join.zones.join(','));
      const result = await context.karmadactl(args);
      outcomes.push(result.code === 0 ? { name, action: 'joined' } : { name, error: result.output.trim() });
      continue;
    }
    const access = context.memberAccess(name);
    const secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace: 'karmada-cluster' },
      type: 'Opaque',
      data: { token: Buffer.from(access.token).toString('base64'), caBundle: Buffer.from(access.caPem).toString('base64') },
    } as KubernetesObject;
    await api.replace(secret).catch((error: { code?: number }) => (error.code === 404 ? api.create(secret) : Promise.reject(error)));
    const cluster = (await api.read({ apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name } })) as KubernetesObject & {
      spec: Record<string, unknown>;
    };
    if (cluster.spec.apiEndpoint !== access.server) {
      await api.replace({ ...cluster, spec: { ...cluster.spec, apiEndpoint: access.server } } as KubernetesObject);
    }
    outcomes.push({ name, action: 'refreshed' });
  }
  return outcomes;
}

/**
 * Runs the repository's karmadactl with node, asynchronously: the simulated members live in the launcher's own
 * process and must keep answering while karmadactl checks them.
 */
export function karmadactlRunner(binPath: string, env: NodeJS.ProcessEnv): AttachContext['karmadactl'] {
  return (args) =>
    new Promise((resolve) => {
      execFile(process.execPath, [binPath, ...args], { env, encoding: 'utf8' }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      });
    });
}
