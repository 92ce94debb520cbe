import type { GroupVersionDiscovery } from '@karmada-ts/domain';
import { mapWithLimit } from './limiter.js';
import type { MemberClient, MemberResponse } from './member-client.js';
import { apiError } from './member-error.js';
import { groupVersionPath } from './resource-resolver.js';

export interface ApiDiscoveryOptions {
  /** Deadline of each discovery request (default 5 s). */
  timeoutMs?: number;
  /** Group versions fetched at once from a server without aggregated discovery (default 4). */
  concurrency?: number;
  /**
   * How long a server without aggregated discovery has the resources of an unchanged set of group versions reused
   * (default 60 s; 0 fetches them on every call, as Karmada does). A new or removed group version is seen on the next
   * call regardless.
   */
  resourcesTtlMs?: number;
  now?: () => number;
}

/** What client-go asks /api and /apis for: aggregated discovery v2, else the legacy documents. */
const discoveryAccept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';

interface ApiVersions {
  versions?: string[];
}

interface ApiGroupList {
  groups?: { name: string; versions?: { groupVersion: string }[] }[];
}

interface ApiResourceList {
  resources?: { name: string; kind: string }[];
}

interface ApiGroupDiscoveryList {
  items?: {
    metadata?: { name?: string };
    versions?: { version: string; freshness?: string; resources?: { resource: string; responseKind?: { kind?: string } }[] }[];
  }[];
}

/**
 * The member's API enablements from discovery, as Karmada's ServerGroupsAndResources (client-go) reads them: GET /api
 * and /apis asking for aggregated discovery (apidiscovery.k8s.io/v2), which lists every group version with its
 * resources in those two answers; a server that answers with the legacy documents (the Content-Type decides, as in
 * client-go) gets each group version's resource list fetched as well (all versions, not only preferred ones).
 * Each group version yields its resources or its error (a `Stale` one in aggregated discovery is an error). When
 * /api or /apis itself fails nothing is known, and the answer is a single error entry (Karmada then reports Empty).
 *
 * Legacy per-group-version lists, about 20 requests on a plain cluster, are reused while the set of group versions
 * is unchanged and younger than resourcesTtlMs. Failed group versions are never reused.
 */
export class ApiDiscovery {
  private cached: { key: string; at: number; answered: Map<string, GroupVersionDiscovery> } | undefined;

  constructor(
    private readonly client: MemberClient,
    private readonly options: ApiDiscoveryOptions = {},
  ) {}

  async discover(): Promise<GroupVersionDiscovery[]> {
    let core: Discovered;
    let groups: Discovered;
    try {
      // One after the other, on one kept-alive connection (see ClusterStatusCollector).
      core = await this.root('/api');
      groups = await this.root('/apis');
    } catch (error) {
      return [{ groupVersion: '', error: (error as Error).message }];
    }
    const aggregated = [...(core.aggregated ?? []), ...(groups.aggregated ?? [])];
    const legacy = [...(core.legacy ?? []), ...(groups.legacy ?? [])];
    return legacy.length === 0 ? aggregated : [...aggregated, ...(await this.groupVersions(legacy))];
  }

  /** One of the two roots: its group versions with resources (aggregated), or only their names (legacy). */
  private async root(path: '/api' | '/apis'): Promise<Discovered> {
    const response = await this.client.send({ path, accept: discoveryAccept, timeoutMs: this.options.timeoutMs ?? 5_000 });
    if (response.status < 200 || response.status > 299) throw apiError(response.status, response.body, `GET ${path}`);
    if (isAggregatedDiscovery(response)) return { aggregated: fromAggregated(JSON.parse(response.body) as ApiGroupDiscoveryList) };
    if (path === '/api') return { legacy: (JSON.parse(response.body) as ApiVersions).versions ?? [] };
    return { legacy: ((JSON.parse(response.body) as ApiGroupList).groups ?? []).flatMap((g) => (g.versions ?? []).map((v) => v.groupVersion)) };
  }

  private async groupVersions(groupVersions: string[]): Promise<GroupVersionDiscovery[]> {
    const timeoutMs = this.options.timeoutMs ?? 5_000;
    const now = (this.options.now ?? Date.now)();
    const key = [...groupVersions].sort().join(',');
    const reusable = this.cached && this.cached.key === key && now - this.cached.at < (this.options.resourcesTtlMs ?? 60_000) ? this.cached.answered : undefined;
    const discovered = await mapWithLimit(groupVersions, this.options.concurrency ?? 4, async (groupVersion): Promise<GroupVersionDiscovery> => {
      const known = reusable?.get(groupVersion);
      if (known) return known;
      try {
        const list = await this.client.json<ApiResourceList>({ path: groupVersionPath(groupVersion), timeoutMs });
        return { groupVersion, resources: (list.resources ?? []).map((r) => ({ name: r.name, kind: r.kind })) };
      } catch (error) {
        return { groupVersion, error: (error as Error).message };
      }
    });

    const answered = new Map(discovered.filter((d) => 'resources' in d).map((d) => [d.groupVersion, d]));
    if (!reusable) this.cached = { key, at: now, answered };
    else for (const [groupVersion, d] of answered) reusable.set(groupVersion, d);
    return discovered;
  }
}

interface Discovered {
  aggregated?: GroupVersionDiscovery[];
  legacy?: string[];
}

/** client-go's test: application/json with g=apidiscovery.k8s.io, v=v2 and as=APIGroupDiscoveryList, in any order. */
function isAggregatedDiscovery(response: MemberResponse): boolean {
  const [type, ...params] = (response.contentType ?? '').split(';').map((p) => p.trim());
  if (type?.toLowerCase() !== 'application/json') return false;
  const values = new Map(params.map((p) => p.split('=').map((s) => s.trim()) as [string, string]));
  return values.get('g') === 'apidiscovery.k8s.io' && values.get('v') === 'v2' && values.get('as') === 'APIGroupDiscoveryList';
}

/** Resources without a responseKind are dropped, as client-go drops them. */
function fromAggregated(list: ApiGroupDiscoveryList): GroupVersionDiscovery[] {
  return (list.items ?? []).flatMap((group) =>
    (group.versions ?? []).map((v): GroupVersionDiscovery => {
      const groupVersion = group.metadata?.name ? `${group.metadata.name}/${v.version}` : v.version;
      if (v.freshness === 'Stale') return { groupVersion, error: `the discovery of ${groupVersion} is stale` };
      return {
        groupVersion,
        resources: (v.resources ?? []).flatMap((r) => (r.responseKind?.kind ? [{ name: r.resource, kind: r.responseKind.kind }] : [])),
      };
    }),
  );
}
