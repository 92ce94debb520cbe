import type { Cluster } from '../api/cluster.js';
import type { KubeObject } from '../api/meta.js';
import type { ClusterOverridePolicy } from '../api/policy.js';
import { DefaultNamespace, KarmadaLabel, executionSpaceName } from '../api/well-known.js';
import { applyOverrides } from '../override/apply-overrides.js';
import { DefaultSkippedNamespaces, isReservedNamespace } from '../policy/propagation-scope.js';
import { generateWorkName } from './names.js';
import type { RenderWorkResult } from './render-work.js';
import { workWithManifest } from './work-object.js';

/**
 * Whether a control-plane Namespace goes to every member cluster (Karmada's namespace sync controller), independently
 * of any PropagationPolicy: not a reserved namespace, not "default", not matching the skipped patterns (kube-.* by
 * default), not labelled namespace.karmada.io/skip-auto-propagation=true (any case), not being deleted.
 */
export function shouldAutoPropagateNamespace(namespace: KubeObject, skippedNamespaces: readonly RegExp[] = DefaultSkippedNamespaces): boolean {
  const name = namespace.metadata.name ?? '';
  if (!name || isReservedNamespace(name) || name === DefaultNamespace) return false;
  if (skippedNamespaces.some((pattern) => pattern.test(name))) return false;
  if (namespace.metadata.deletionTimestamp) return false;
  return namespace.metadata.labels?.[KarmadaLabel.SkipAutoPropagation]?.toLowerCase() !== 'true';
}

/**
 * The Work that carries a Namespace to one cluster: ClusterOverridePolicies applied (OverridePolicies never apply to
 * a cluster-scoped object), owned by the Namespace so deleting it removes the Works, no binding labels.
 */
export function renderNamespaceWork(namespace: KubeObject, cluster: Cluster, clusterOverridePolicies: readonly ClusterOverridePolicy[]): RenderWorkResult {
  const overridden = applyOverrides(namespace, cluster, { clusterOverridePolicies, overridePolicies: [] });
  if (!overridden.ok) return overridden;
  const work = workWithManifest(
    {
      name: generateWorkName(namespace.kind, namespace.metadata.name ?? '', undefined),
      namespace: executionSpaceName(cluster.metadata.name ?? ''),
      labels: {},
      annotations: overridden.annotations,
      ownerReferences: [
        { apiVersion: namespace.apiVersion, kind: namespace.kind, name: namespace.metadata.name ?? '', uid: namespace.metadata.uid ?? '', controller: true, blockOwnerDeletion: true },
      ],
    },
    overridden.object,
    {},
  );
  return { ok: true, work };
}
