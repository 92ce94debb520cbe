import { encodeNamespaceToken, type ResourceKind, type Subjects } from '@karmada-ts/contracts';
import type { ObjectKey, StorageResource } from '@karmada-ts/kube';

/** `deployments.apps`, `configmaps`: how rows and logs name a resource. */
export function groupResourceKey(resource: StorageResource): string {
  return resource.group ? `${resource.resource}.${resource.group}` : resource.resource;
}

export function kindOf(resource: StorageResource): ResourceKind {
  return { group: resource.group, resource: resource.resource };
}

/** The object's `template` subject (the aggregate the gateway writes). */
export function templateSubjectOf(subjects: Subjects, key: ObjectKey): string {
  return subjects.template(kindOf(key), key.namespace || undefined, key.name);
}

/**
 * Narrows a kind-wide filter (`<…>.<plural.group>.>`) to one namespace (`<…>.<plural.group>.<namespace>.*`), for
 * aggregates keyed `<plural.group>.<namespace|_>.<name>`.
 */
export function inNamespace(kindFilter: string, namespace: string | undefined): string {
  if (!namespace) return kindFilter;
  if (!kindFilter.endsWith('.>')) throw new Error(`${kindFilter} is not a kind-wide filter`);
  return `${kindFilter.slice(0, -1)}${encodeNamespaceToken(namespace)}.*`;
}

/** The template subjects of a kind, in one namespace or all of them. */
export function templateFilterOf(subjects: Subjects, resource: StorageResource, namespace: string | undefined): string {
  return inNamespace(subjects.templateFilter(kindOf(resource)), namespace);
}
