import type { ResourceDefinition, ScaleSubresource } from '../discovery/resource-definition.js';
import { getPath, isJsonObject, setPath } from '../util/json.js';
import type { KubeObject } from './object.js';

/** The autoscaling/v1 Scale view of an object with a scale subresource. */
function dotted(path: string): string[] {
  return path.replace(/^\./, '').split('.');
}

export function toScale(scale: ScaleSubresource, object: KubeObject): KubeObject {
  const specReplicas = getPath(object, dotted(scale.specReplicasPath));
  const statusReplicas = getPath(object, dotted(scale.statusReplicasPath));
  const selector = scale.selectorOf ? scale.selectorOf(object) : scale.labelSelectorPath ? getPath(object, dotted(scale.labelSelectorPath)) : undefined;
  const metadata: KubeObject['metadata'] = {
    name: object.metadata.name,
    uid: object.metadata.uid,
    resourceVersion: object.metadata.resourceVersion,
    creationTimestamp: object.metadata.creationTimestamp,
  };
  if (object.metadata.namespace) metadata.namespace = object.metadata.namespace;
  const status: Record<string, unknown> = { replicas: typeof statusReplicas === 'number' ? statusReplicas : 0 };
  if (typeof selector === 'string' && selector !== '') status['selector'] = selector;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata,
    spec: { replicas: typeof specReplicas === 'number' ? specReplicas : 0 },
    status,
  };
}

/** The object with the replicas of a (patched or submitted) Scale written back to its spec. */
export function applyScale(def: ResourceDefinition, object: KubeObject, scaleObject: unknown): { object: KubeObject; replicas: unknown } {
  const scale = def.subresources.scale!;
  const spec = isJsonObject(scaleObject) && isJsonObject(scaleObject['spec']) ? scaleObject['spec'] : {};
  const replicas = spec['replicas'] ?? 0;
  return { object: setPath(object, dotted(scale.specReplicasPath), replicas) as KubeObject, replicas };
}
