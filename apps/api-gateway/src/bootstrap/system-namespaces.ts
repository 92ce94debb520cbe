import { randomUUID } from 'node:crypto';
import { isKubeStatusError, type ResourceService } from '@karmada-ts/kube';

/** Namespaces that exist from the start: Kubernetes' own and Karmada's. */
export const systemNamespaces = ['default', 'kube-system', 'kube-public', 'karmada-system', 'karmada-cluster'] as const;

/**
 * Creates the system namespaces that do not exist yet. Replicas starting together race on the same subjects: the
 * conditional append lets one win and the others see AlreadyExists, so each namespace is created once.
 */
export async function ensureSystemNamespaces(service: ResourceService): Promise<void> {
  const def = service.resolve('', 'v1', 'namespaces');
  if (!def) throw new Error('namespaces are not served');
  await Promise.all(
    systemNamespaces.map(async (name) => {
      if (await service.store.get({ group: '', resource: 'namespaces', namespace: '', name })) return;
      try {
        await service.create(def, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { context: { user: 'system:api-gateway', requestId: randomUUID() } });
      } catch (error) {
        if (!(isKubeStatusError(error) && error.code === 409)) throw error;
      }
    }),
  );
}
