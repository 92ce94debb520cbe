import type { KubeObject } from '../api/meta.js';
import { KarmadaAnnotation } from '../api/well-known.js';
import { deepCopy, isRecord } from '../interpret/unstructured.js';
import { isSecret } from '../render/sealed-manifests.js';

/** What of a Secret the store keeps instead of its events: its data and the annotations that repeat it. */
export interface SealedContent {
  /** Entry name → base64 value, as the API serves it. */
  readonly data: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Secrets whose data the member cluster generates (Karmada prunes it from the manifest: pruneIrrelevantFields). */
const memberOwnedDataType = 'kubernetes.io/service-account-token';

/**
 * A Secret manifest with its sealed content put back, right before it is applied, so the member object is what
 * Karmada would apply: the template's data (unless the member owns it; entries an override added to the manifest
 * win, as overrides apply last) and the sealed annotations, which are also recorded in the managed-annotations list
 * so that the member drops them once the template does.
 */
export function withSealedContent(manifest: KubeObject, content: SealedContent): KubeObject {
  const sealedAnnotations = content.annotations ?? {};
  const annotations = { ...sealedAnnotations, ...manifest.metadata.annotations };
  const record = annotations[KarmadaAnnotation.ManagedAnnotations];
  if (record !== undefined && Object.keys(sealedAnnotations).length > 0) {
    annotations[KarmadaAnnotation.ManagedAnnotations] = [...new Set([...record.split(','), ...Object.keys(sealedAnnotations)])].sort().join(',');
  }
  const metadata = Object.keys(annotations).length > 0 ? { ...manifest.metadata, annotations } : manifest.metadata;
  if (manifest['type'] === memberOwnedDataType) return { ...manifest, metadata };
  const data = { ...content.data, ...(isRecord(manifest['data']) ? manifest['data'] : {}) };
  return { ...manifest, metadata, ...(Object.keys(data).length > 0 ? { data } : {}) };
}

/**
 * The released form of a Secret (preserveResourcesOnDeletion) keeps the values the member copy holds: Karmada's
 * manifest carries them, ours does not, and applying it without them would drop them from the object left behind.
 */
export function withMemberSecretData(released: KubeObject, member: KubeObject): KubeObject {
  if (!isSecret(released) || member['data'] === undefined || released['data'] !== undefined) return released;
  return { ...released, data: deepCopy(member['data']) };
}
