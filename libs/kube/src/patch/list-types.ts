import { isJsonObject, type JsonObject } from '../util/json.js';

/**
 * How a list merges in strategic merge patch and server-side apply: by key(s) (`map`), as a set of scalars
 * (`set`), or replaced whole (`atomic`).
 */
export type ListType = { type: 'map'; keys: readonly string[] } | { type: 'set' } | { type: 'atomic' };

/** The list type of the list at `path`: field names from the object root (list items add no segment). */
export type ListTypeResolver = (path: readonly string[]) => ListType;

const atomic: ListType = { type: 'atomic' };
const set: ListType = { type: 'set' };
const byName: ListType = { type: 'map', keys: ['name'] };

export const atomicLists: ListTypeResolver = () => atomic;

const namedLists = new Set(['containers', 'initContainers', 'ephemeralContainers', 'env', 'volumes', 'imagePullSecrets', 'resourceClaims', 'schedulingGates']);
const containerLists = new Set(['containers', 'initContainers', 'ephemeralContainers']);
const keyedByField: Record<string, ListType> = {
  volumeMounts: { type: 'map', keys: ['mountPath'] },
  volumeDevices: { type: 'map', keys: ['devicePath'] },
  hostAliases: { type: 'map', keys: ['ip'] },
  topologySpreadConstraints: { type: 'map', keys: ['topologyKey'] },
  conditions: { type: 'map', keys: ['type'] },
  podIPs: { type: 'map', keys: ['ip'] },
  hostIPs: { type: 'map', keys: ['ip'] },
};

/**
 * The patchStrategy/patchMergeKey tags of k8s.io/api (release-1.32) for the built-in kinds, by field name and
 * context (container `ports` merge on containerPort, Service `spec.ports` on port).
 */
export function builtinListTypes(kind: string): ListTypeResolver {
  return (path) => {
    const field = path[path.length - 1];
    if (field === undefined) return atomic;
    if (path.length === 2 && path[0] === 'metadata') {
      if (field === 'finalizers') return set;
      if (field === 'ownerReferences') return { type: 'map', keys: ['uid'] };
      return atomic;
    }
    if (namedLists.has(field)) return byName;
    const keyed = keyedByField[field];
    if (keyed) return keyed;
    if (field === 'ports') {
      if (containerLists.has(path[path.length - 2] ?? '')) return { type: 'map', keys: ['containerPort'] };
      if (kind === 'Service' && path.length === 2 && path[0] === 'spec') return { type: 'map', keys: ['port'] };
      return atomic;
    }
    if (field === 'secrets' && kind === 'ServiceAccount' && path.length === 1) return byName;
    if (field === 'podCIDRs' && kind === 'Node') return set;
    return atomic;
  };
}

/** List types from an OpenAPI v3 schema (a CRD version's openAPIV3Schema): x-kubernetes-list-type and map keys. */
export function schemaListTypes(schema: unknown): ListTypeResolver {
  return (path) => {
    const metadataField = path.length === 2 && path[0] === 'metadata' ? path[1] : undefined;
    if (metadataField === 'finalizers') return set;
    if (metadataField === 'ownerReferences') return { type: 'map', keys: ['uid'] };
    let node: unknown = schema;
    for (const field of path) {
      if (!isJsonObject(node)) return atomic;
      if (node['type'] === 'array' && isJsonObject(node['items'])) node = node['items'];
      const properties = isJsonObject(node) ? node['properties'] : undefined;
      node = isJsonObject(properties) ? properties[field] : undefined;
    }
    if (!isJsonObject(node)) return atomic;
    const listType = (node as JsonObject)['x-kubernetes-list-type'];
    if (listType === 'set') return set;
    if (listType === 'map') {
      const keys = node['x-kubernetes-list-map-keys'];
      if (Array.isArray(keys) && keys.every((k) => typeof k === 'string') && keys.length > 0) return { type: 'map', keys: keys as string[] };
    }
    return atomic;
  };
}
