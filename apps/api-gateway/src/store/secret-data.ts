import type { SecretContent } from '@karmada-ts/secrets';
import { isJsonObject, type KubeObject, type StorageResource } from '@karmada-ts/kube';

/** Secrets: their values never enter an event (ARCHITECTURE.md §2 rule 8). */
export function isSecretResource(resource: StorageResource): boolean {
  return resource.group === '' && resource.resource === 'secrets';
}

/** Annotations that repeat a Secret's values: `kubectl apply` records the whole manifest in this one. */
export const sealedAnnotations: readonly string[] = ['kubectl.kubernetes.io/last-applied-configuration'];

/**
 * A Secret without what must not enter an event (`data`, the write-only `stringData`, annotations that repeat
 * them), and that content; undefined content when there is none.
 */
export function splitSecretContent(object: KubeObject): { object: KubeObject; content: SecretContent | undefined } {
  const { data: rawData, stringData: _writeOnly, ...rest } = object;
  const data: Record<string, string> = {};
  if (isJsonObject(rawData)) for (const [key, value] of Object.entries(rawData)) data[key] = String(value);
  const annotations = { ...(object.metadata.annotations ?? {}) };
  const sealed: Record<string, string> = {};
  for (const name of sealedAnnotations) {
    if (annotations[name] === undefined) continue;
    sealed[name] = annotations[name];
    delete annotations[name];
  }
  const { annotations: _all, ...metadata } = object.metadata;
  const stripped = { ...rest, metadata: Object.keys(annotations).length > 0 ? { ...metadata, annotations } : metadata } as KubeObject;
  if (Object.keys(data).length === 0 && Object.keys(sealed).length === 0) return { object: stripped, content: undefined };
  return { object: stripped, content: { data, ...(Object.keys(sealed).length > 0 ? { annotations: sealed } : {}) } };
}

/** A Secret with its content put back, as the API serves it. */
export function withSecretContent(object: KubeObject, content: SecretContent | undefined): KubeObject {
  if (!content) return object;
  const annotations = { ...(object.metadata.annotations ?? {}), ...(content.annotations ?? {}) };
  const metadata = Object.keys(annotations).length > 0 ? { ...object.metadata, annotations } : object.metadata;
  return Object.keys(content.data).length > 0 ? { ...object, metadata, data: { ...content.data } } : { ...object, metadata };
}
