import { apiVersionOf, type ResourceDefinition } from './resource-definition.js';
import type { ResourceRegistry } from './resource-registry.js';

/** Legacy and aggregated (apidiscovery.k8s.io/v2) discovery documents built from a registry (kube-api-notes §1). */
export interface ApiResource {
  name: string;
  singularName: string;
  namespaced: boolean;
  group?: string;
  version?: string;
  kind: string;
  verbs: readonly string[];
  shortNames?: readonly string[];
  categories?: readonly string[];
}

const subresourceVerbs = ['get', 'patch', 'update'];

function apiResources(def: ResourceDefinition): ApiResource[] {
  const main: ApiResource = { name: def.plural, singularName: def.singular, namespaced: def.namespaced, kind: def.kind, verbs: def.verbs };
  if (def.shortNames.length > 0) main.shortNames = def.shortNames;
  if (def.categories.length > 0) main.categories = def.categories;
  const out = [main];
  if (def.subresources.status) out.push({ name: `${def.plural}/status`, singularName: '', namespaced: def.namespaced, kind: def.kind, verbs: subresourceVerbs });
  if (def.subresources.scale)
    out.push({ name: `${def.plural}/scale`, singularName: '', namespaced: def.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: subresourceVerbs });
  return out;
}

/** GET /api/v1 or /apis/<group>/<version>; undefined when the group version is not served. */
export function apiResourceList(registry: ResourceRegistry, group: string, version: string): object | undefined {
  return registry.cached(`resources:${group}/${version}`, () => {
    const defs = registry.resources(group, version);
    if (defs.length === 0) return undefined;
    return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf({ group, version }), resources: defs.flatMap(apiResources) };
  });
}

function groupEntry(group: string, versions: string[]): object {
  const entries = versions.map((v) => ({ groupVersion: `${group}/${v}`, version: v }));
  return { name: group, versions: entries, preferredVersion: entries[0] };
}

/** GET /apis (APIGroupList). */
export function apiGroupList(registry: ResourceRegistry): object {
  return registry.cached('groups', () => ({
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: registry
      .groups()
      .filter((g) => g.group !== '')
      .map((g) => groupEntry(g.group, g.versions)),
  }));
}

/** GET /apis/<group> (APIGroup); undefined when the group is not served. */
export function apiGroup(registry: ResourceRegistry, group: string): object | undefined {
  const found = registry.groups().find((g) => g.group === group && group !== '');
  return found ? { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(found.group, found.versions) } : undefined;
}

/** GET /api (APIVersions); the server address is the one the client used. */
export function apiVersions(serverAddress: string): object {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function discoveryResource(def: ResourceDefinition): object {
  const responseKind = { group: def.group, version: def.version, kind: def.kind };
  const resource: Record<string, unknown> = {
    resource: def.plural,
    responseKind,
    scope: def.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: def.singular,
    verbs: def.verbs,
  };
  if (def.shortNames.length > 0) resource['shortNames'] = def.shortNames;
  if (def.categories.length > 0) resource['categories'] = def.categories;
  const subresources: object[] = [];
  if (def.subresources.status) subresources.push({ subresource: 'status', responseKind, verbs: subresourceVerbs });
  if (def.subresources.scale) subresources.push({ subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: subresourceVerbs });
  if (subresources.length > 0) resource['subresources'] = subresources;
  return resource;
}

export const aggregatedDiscoveryContentType = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** The aggregated v2 document for /api (`core`) or /apis. */
export function aggregatedDiscovery(registry: ResourceRegistry, which: 'core' | 'apis'): object {
  return registry.cached(`aggregated:${which}`, () => ({
    kind: 'APIGroupDiscoveryList',
    apiVersion: 'apidiscovery.k8s.io/v2',
    metadata: {},
    items: registry
      .groups()
      .filter((g) => (which === 'core' ? g.group === '' : g.group !== ''))
      .map((g) => ({
        metadata: { name: g.group },
        versions: g.versions.map((version) => ({
          version,
          freshness: 'Current',
          resources: registry.resources(g.group, version).map(discoveryResource),
        })),
      })),
  }));
}
