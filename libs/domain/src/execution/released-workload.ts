import type { KubeObject } from '../api/meta.js';
import { KarmadaAnnotation, KarmadaLabel } from '../api/well-known.js';

/**
 * The labels Karmada puts on what it applies to a member (Karmada's ManagedResourceLabels plus the policy claim
 * labels), and the ClusterResourceBinding id, which Karmada's list misses.
 */
export const memberManagedLabels: readonly string[] = [
  KarmadaLabel.Managed,
  KarmadaLabel.ResourceBindingPermanentId,
  KarmadaLabel.ClusterResourceBindingPermanentId,
  KarmadaLabel.WorkPermanentId,
  KarmadaLabel.PropagationPolicyPermanentId,
  KarmadaLabel.ClusterPropagationPolicyPermanentId,
];

/**
 * The annotations Karmada puts on what it applies to a member (ManagedResourceAnnotations plus the policy claim
 * annotations), and, beyond Karmada, the ClusterResourceBinding name and the conflict resolution: a released object
 * keeps no trace of Karmada.
 */
export const memberManagedAnnotations: readonly string[] = [
  KarmadaAnnotation.ManagedAnnotations,
  KarmadaAnnotation.ManagedLabels,
  KarmadaAnnotation.ResourceBindingNamespace,
  KarmadaAnnotation.ResourceBindingName,
  KarmadaAnnotation.ClusterResourceBindingName,
  KarmadaAnnotation.ResourceTemplateUid,
  KarmadaAnnotation.ResourceTemplateGeneration,
  KarmadaAnnotation.WorkName,
  KarmadaAnnotation.WorkNamespace,
  KarmadaAnnotation.ConflictResolution,
  KarmadaAnnotation.PropagationPolicyNamespace,
  KarmadaAnnotation.PropagationPolicyName,
  KarmadaAnnotation.ClusterPropagationPolicyName,
];

/**
 * What a Work with preserveResourcesOnDeletion leaves in the member when it goes (Karmada's
 * cleanupPolicyClaimMetadata): the manifest without Karmada's labels and annotations. The member object stays and
 * Karmada no longer manages it.
 */
export function releasedWorkload(manifest: KubeObject): KubeObject {
  const labels = without(manifest.metadata.labels, memberManagedLabels);
  const annotations = without(manifest.metadata.annotations, memberManagedAnnotations);
  const { labels: _labels, annotations: _annotations, ...metadata } = manifest.metadata;
  return { ...manifest, metadata: { ...metadata, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) } };
}

function without(map: Readonly<Record<string, string>> | undefined, keys: readonly string[]): Record<string, string> | undefined {
  if (!map) return undefined;
  const kept = Object.fromEntries(Object.entries(map).filter(([key]) => !keys.includes(key)));
  return Object.keys(kept).length > 0 ? kept : undefined;
}
