import { isJsonObject, type JsonObject, type KubeObject } from '@karmada-ts/kube';
import { isPodReady, isPodTerminal } from '../pod-status.js';

export function obj(value: unknown): JsonObject {
  return isJsonObject(value) ? value : {};
}

export function specOf(object: KubeObject): JsonObject {
  return obj(object['spec']);
}

export function templateOf(object: KubeObject): JsonObject {
  return obj(specOf(object)['template']);
}

export function templateLabels(object: KubeObject): Record<string, string> {
  return obj(obj(templateOf(object)['metadata'])['labels']) as Record<string, string>;
}

/** Pods that count for a controller: not finished and not being deleted. */
export function activePods(pods: readonly KubeObject[]): KubeObject[] {
  return pods.filter((p) => !p.metadata.deletionTimestamp && !isPodTerminal(p));
}

export function countReady(pods: readonly KubeObject[]): number {
  return pods.filter(isPodReady).length;
}

/** A pod from a workload's template. */
export function podFromTemplate(owner: KubeObject, template: JsonObject, metadata: JsonObject, spec: JsonObject = {}): KubeObject {
  const templateMeta = obj(template['metadata']);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      namespace: owner.metadata.namespace,
      labels: { ...(obj(templateMeta['labels']) as Record<string, string>) },
      ...(isJsonObject(templateMeta['annotations']) ? { annotations: templateMeta['annotations'] as Record<string, string> } : {}),
      ...metadata,
    },
    spec: { ...obj(template['spec']), ...spec },
  };
}
