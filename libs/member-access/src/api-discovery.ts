import type { GroupVersionDiscovery } from '@karmada-ts/domain';
import { mapWithLimit } from './limiter.js';
import type { MemberClient } from './member-client.js';
import { groupVersionPath } from './resource-resolver.js';

export interface ApiDiscoveryOptions {
  /** Deadline of each discovery request (default 5 s). */
  timeoutMs?: number;
  /** Group versions fetched at once (default 4). */
  concurrency?: number;
  /**
   * How long the resources of an unchanged set of group versions are reused (default 60 s; 0 fetches them on every
   * call, as Karmada does). A new or removed group version is seen on the next call regardless.
   */
  resourcesTtlMs?: number;
  now?: () => number;
}

interface ApiVersions {
  versions?: string[];
}

interface ApiGroupList {
  groups?: { name: string; versions?: { groupVersion: string }[] }[];
}

interface ApiResourceList {
  resources?: { name: string; kind: string }[];
}

/**
 * The member's API enablements from legacy discovery, as Karmada's ServerGroupsAndResources reads them: GET /api and
 * /apis for every group version (all versions, not only preferred ones), then each group version's resource list.
 * Each group version yields its resources or its error. When /api or /apis itself fails nothing is known, and the
 * answer is a single error entry (Karmada then reports Empty).
 *
 * Two requests are made on every call; the per-group-version lists, the bulk of the work (about 20 requests on a
 * plain cluster), are reused while the set of group versions is unchanged and younger than resourcesTtlMs. Failed
 * group versions are never reused.
 */
export class ApiDiscovery {
  private cached: { key: string; at: number; answered: Map<string, GroupVersionDiscovery> } | undefined;

  constructor(
    private readonly client: MemberClient,
    private readonly options: ApiDiscoveryOptions = {},
  ) {}

  async discover(): Promise<GroupVersionDiscovery[]> {
    const timeoutMs = this.options.timeoutMs ?? 5_000;
    let groupVersions: string[];
    try {
      const [core, groups] = await Promise.all([
        this.client.json<ApiVersions>({ path: '/api', timeoutMs }),
        this.client.json<ApiGroupList>({ path: '/apis', timeoutMs }),
      ]);
      groupVersions = [...(core.versions ?? []), ...(groups.groups ?? []).flatMap((g) => (g.versions ?? []).map((v) => v.groupVersion))];
    } catch (error) {
      return [{ groupVersion: '', error: (error as Error).message }];
    }

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
