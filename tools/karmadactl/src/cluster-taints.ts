import type { KubernetesObject, KubernetesObjectApi } from '@kubernetes/client-node';
import type { Cluster, Taint } from '@karmada-ts/domain';
import { apiStatusCode, CliError, describeApiError } from './cli-error.js';

/**
 * Reads a Cluster, changes its taints and writes it back with the resourceVersion it read, retrying when another
 * writer got there first (409), as kubectl does. Returns false when nothing had to change.
 */
export async function updateClusterTaints(
  api: KubernetesObjectApi,
  name: string,
  change: (taints: readonly Taint[]) => Taint[],
): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    let cluster: Cluster;
    try {
      cluster = (await api.read({ apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name } })) as unknown as Cluster;
    } catch (error) {
      if (apiStatusCode(error) === 404) throw new CliError(`cluster "${name}" not found; \`kubectl get clusters\` lists the joined ones`);
      throw new CliError(`cannot read cluster "${name}": ${describeApiError(error)}`);
    }
    const before = cluster.spec.taints ?? [];
    const after = change(before);
    if (JSON.stringify(before) === JSON.stringify(after)) return false;
    try {
      await api.replace({ ...cluster, spec: { ...cluster.spec, taints: after } } as unknown as KubernetesObject);
      return true;
    } catch (error) {
      if (apiStatusCode(error) === 409 && attempt < 5) continue;
      throw new CliError(`cannot update cluster "${name}": ${describeApiError(error)}`);
    }
  }
}
