import type { MemberClient } from './member-client.js';
import { MemberError, noKindMatch } from './member-error.js';

/** Where a member serves a kind: its plural resource name and whether it is namespaced. */
export interface ServedResource {
  readonly apiVersion: string;
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
}

interface ApiResourceList {
  resources?: { name: string; kind: string; namespaced: boolean }[];
}

interface CachedList {
  readonly fetchedAt: number;
  readonly byKind: ReadonlyMap<string, ServedResource>;
}

export interface ResourceResolverOptions {
  /** A kind missing from a cached list is looked up again only after this long (default 5 s), as CRDs come and go. */
  recheckMissingAfterMs?: number;
  timeoutMs?: number;
  now?: () => number;
}

/** apiVersion + kind → resource, from the member's discovery (GET /api/v1, /apis/<group>/<version>), cached. */
export class ResourceResolver {
  private readonly lists = new Map<string, CachedList>();
  private readonly pending = new Map<string, Promise<CachedList>>();
  private readonly recheckMissingAfterMs: number;
  private readonly now: () => number;

  constructor(
    private readonly client: MemberClient,
    private readonly options: ResourceResolverOptions = {},
  ) {
    this.recheckMissingAfterMs = options.recheckMissingAfterMs ?? 5_000;
    this.now = options.now ?? Date.now;
  }

  /** The served resource, or a permanent NoKindMatch error; other discovery failures are thrown as they are. */
  async resolve(apiVersion: string, kind: string): Promise<ServedResource> {
    const cached = this.lists.get(apiVersion);
    const hit = cached?.byKind.get(kind);
    if (hit) return hit;
    if (cached && this.now() - cached.fetchedAt < this.recheckMissingAfterMs) throw noKindMatch(apiVersion, kind);
    const fresh = await this.fetch(apiVersion);
    const found = fresh.byKind.get(kind);
    if (!found) throw noKindMatch(apiVersion, kind);
    return found;
  }

  private fetch(apiVersion: string): Promise<CachedList> {
    const running = this.pending.get(apiVersion);
    if (running) return running;
    const promise = this.download(apiVersion).finally(() => this.pending.delete(apiVersion));
    this.pending.set(apiVersion, promise);
    return promise;
  }

  private async download(apiVersion: string): Promise<CachedList> {
    let list: ApiResourceList;
    try {
      list = await this.client.json<ApiResourceList>({ path: groupVersionPath(apiVersion), ...(this.options.timeoutMs ? { timeoutMs: this.options.timeoutMs } : {}) });
    } catch (error) {
      // A group version the member does not serve at all: every kind in it is a NoKindMatch.
      if (!(error instanceof MemberError && error.code === 404)) throw error;
      list = {};
    }
    const byKind = new Map<string, ServedResource>();
    for (const r of list.resources ?? []) {
      if (r.name.includes('/')) continue;
      byKind.set(r.kind, { apiVersion, kind: r.kind, plural: r.name, namespaced: r.namespaced });
    }
    const cached = { fetchedAt: this.now(), byKind };
    this.lists.set(apiVersion, cached);
    return cached;
  }
}

/** /api/v1 for the core group, /apis/<group>/<version> otherwise. */
export function groupVersionPath(apiVersion: string): string {
  return apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}

/**
 * The path of a resource's collection (all namespaces when `namespace` is undefined) or of one object. A namespace
 * given for a cluster-scoped resource is ignored.
 */
export function resourcePath(resource: ServedResource, at: { namespace?: string | undefined; name?: string | undefined } = {}): string {
  const namespace = resource.namespaced && at.namespace ? `/namespaces/${encodeURIComponent(at.namespace)}` : '';
  const name = at.name !== undefined ? `/${encodeURIComponent(at.name)}` : '';
  return `${groupVersionPath(resource.apiVersion)}${namespace}/${resource.plural}${name}`;
}
