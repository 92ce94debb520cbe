import type { KubeObject } from '../api/meta.js';
import { ReservedNamespace } from '../api/well-known.js';
import { groupOf } from '../interpret/unstructured.js';

/** karmada-system, karmada-cluster and every karmada-es-* execution space. */
export function isReservedNamespace(namespace: string | undefined): boolean {
  if (!namespace) return false;
  return (
    namespace === ReservedNamespace.KarmadaSystem ||
    namespace === ReservedNamespace.KarmadaCluster ||
    namespace.startsWith(ReservedNamespace.ExecutionSpacePrefix)
  );
}

/** The default of --skipped-propagating-namespaces. */
export const DefaultSkippedNamespaces: readonly RegExp[] = [/^kube-.*$/];

/**
 * API groups the detector never propagates by default: Karmada's own APIs and events. (Karmada also skips
 * coordination.k8s.io/v1 and core v1 Event, below.)
 */
export const SkippedApiGroups: readonly string[] = [
  'cluster.karmada.io',
  'policy.karmada.io',
  'work.karmada.io',
  'config.karmada.io',
  'networking.karmada.io',
  'autoscaling.karmada.io',
  'remedy.karmada.io',
  'apps.karmada.io',
  'events.k8s.io',
];

export interface PropagationScopeOptions {
  /** Namespaces whose objects are never propagated (--skipped-propagating-namespaces); default kube-.* */
  readonly skippedNamespaces?: readonly RegExp[];
  /** Extra API groups never propagated (the group part of --skipped-propagating-apis). */
  readonly skippedApiGroups?: readonly string[];
}

/**
 * Whether the detector looks at a resource template at all (Karmada's EventFilter plus the skipped-API config):
 * reserved and skipped namespaces, Karmada's own API groups, events, leases and kube-apiserver's generated
 * kube-system/extension-apiserver-authentication ConfigMap are left alone.
 */
export function isPropagationCandidate(template: KubeObject, options: PropagationScopeOptions = {}): boolean {
  const namespace = template.metadata.namespace ?? '';
  if (isReservedNamespace(namespace)) return false;
  const skippedNamespaces = options.skippedNamespaces ?? DefaultSkippedNamespaces;
  if (namespace && skippedNamespaces.some((pattern) => pattern.test(namespace))) return false;
  if (namespace === 'kube-system' && template.kind === 'ConfigMap' && template.metadata.name === 'extension-apiserver-authentication') return false;
  const group = groupOf(template.apiVersion);
  if (SkippedApiGroups.includes(group) || options.skippedApiGroups?.includes(group)) return false;
  if (template.apiVersion === 'coordination.k8s.io/v1') return false;
  return !(template.apiVersion === 'v1' && template.kind === 'Event');
}
