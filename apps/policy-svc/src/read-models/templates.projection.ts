import { ResourceCreated, ResourceDeleted, ResourceUpdated, type GroupResourceJson, type KubeObjectJson, type ResourceWrittenData } from '@karmada-ts/contracts';
import { isPropagationCandidate, type KubeObject } from '@karmada-ts/domain';
import type { StoredEvent } from '@karmada-ts/eventstore';
import { latestStateProjection } from '@karmada-ts/projections';
import { keyOfResourceSubject, policyResources, readModelTables, resourceKey, sameResource } from './read-models.js';

const policyKinds: readonly GroupResourceJson[] = Object.values(policyResources);
const namespaces: GroupResourceJson = { group: '', resource: 'namespaces' };

/**
 * What the detector looks at: the policies, and every template it may propagate (isPropagationCandidate: not in a
 * reserved or skipped namespace, not a Karmada API). Namespaces are left to namespace auto-propagation.
 */
export function isDetectorInput(resource: GroupResourceJson, object: KubeObjectJson): boolean {
  if (policyKinds.some((kind) => sameResource(kind, resource))) return true;
  return !sameResource(resource, namespaces) && isPropagationCandidate(object as KubeObject);
}

/** The latest state of every template and policy the detector reads, keyed by `plural.group`, namespace and name. */
export const templatesProjection = latestStateProjection({
  name: 'templates',
  table: readModelTables.templates,
  eventTypes: [ResourceCreated.type, ResourceUpdated.type, ResourceDeleted.type],
  key: (event: StoredEvent) => {
    const { resource, namespace, name } = keyOfResourceSubject(event.subject);
    const object = (event.data as Pick<ResourceWrittenData, 'object'>).object;
    return isDetectorInput(resource, object) ? { kind: resourceKey(resource), namespace: namespace ?? '', name } : undefined;
  },
  state: (event: StoredEvent): KubeObjectJson | null => (ResourceDeleted.is(event) ? null : (event.data as ResourceWrittenData).object),
});
