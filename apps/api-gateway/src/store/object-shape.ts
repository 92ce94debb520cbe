import type { ResourceDefinition, StorageResource } from '@karmada-ts/kube';
import { bindingStatusPart, placementPart, workStatusPart } from './derived-parts.js';
import { bindingBase, clusterResourceBindings, isOfResource, resourceBindings, templateBase, workBase, works, type ObjectBase } from './object-bases.js';
import { claimPart, clusters, clusterStatusPart, templateStatusPart, type ObjectPart } from './object-parts.js';

/** How the gateway serves a kind: the aggregate its objects are read from, and the parts merged into them. */
export interface ObjectShape {
  readonly base: ObjectBase;
  readonly parts: readonly ObjectPart[];
}

/** Every part the projection and the watches read. */
export const allParts: readonly ObjectPart[] = [claimPart, templateStatusPart, clusterStatusPart, placementPart, bindingStatusPart, workStatusPart];

/** Kinds whose status the gateway writes itself, never from members: no status part. */
const ownStatus = new Set(['/namespaces', 'apiextensions.k8s.io/customresourcedefinitions']);

const bindingShape: ObjectShape = { base: bindingBase, parts: [placementPart, bindingStatusPart] };
const workShape: ObjectShape = { base: workBase, parts: [workStatusPart] };

/**
 * Bindings and Works are the controllers' (binding, work aggregates with their parts). Everything else is a template:
 * Clusters have cluster-svc's status; every resource template (anything but Karmada's own API) can be claimed by a
 * policy, and those with a status subresource have binding-svc's status (namespaces and CRDs keep the status the
 * gateway gives them).
 */
export function shapeOf(def: ResourceDefinition | undefined): ObjectShape {
  if (!def) return { base: templateBase, parts: [] };
  const resource: StorageResource = def.storage;
  if (isOfResource(resource, resourceBindings) || isOfResource(resource, clusterResourceBindings)) return bindingShape;
  if (isOfResource(resource, works)) return workShape;
  if (isOfResource(resource, clusters)) return { base: templateBase, parts: [clusterStatusPart] };
  if (def.group.endsWith('karmada.io')) return { base: templateBase, parts: [] };
  const reportsStatus = def.subresources.status && !ownStatus.has(`${resource.group}/${resource.resource}`);
  return { base: templateBase, parts: reportsStatus ? [claimPart, templateStatusPart] : [claimPart] };
}
