import {
  apiEnablementStatus,
  nodeCapacity,
  podDemand,
  summarizeNodes,
  summarizeResources,
  type APIEnablement,
  type Condition,
  type HealthProbe,
  type NodeCapacity,
  type NodeSummary,
  type PodDemand,
  type ResourceSummary,
} from '@karmada-ts/domain';
import { ApiDiscovery, type ApiDiscoveryOptions } from './api-discovery.js';
import { probeHealth } from './health-probe.js';
import { Semaphore } from './limiter.js';
import { ListWatch, type WatchTuning } from './list-watch.js';
import type { MemberClient } from './member-client.js';
import { SharedValues } from './shared-values.js';

/** What one collection found: the Cluster.status fields cluster-svc records besides the Ready condition. */
export interface ClusterStatusFragment {
  /**
   * Unique among the fragments of every member of this collector. A collection that finds nothing new returns the
   * very fragment it returned before, revision included, so callers can skip comparing what cannot have changed.
   */
  readonly revision: number;
  /** From /version; '' when it could not be read, as Karmada leaves it. */
  readonly kubernetesVersion: string;
  readonly apiEnablements: readonly APIEnablement[];
  /** The CompleteAPIEnablements condition (Complete, Partial or Empty); the caller stamps the transition time. */
  readonly apiEnablementsCondition: Omit<Condition, 'lastTransitionTime'>;
  /** Absent until the member's nodes and pods have been listed once. */
  readonly nodeSummary?: NodeSummary;
  readonly resourceSummary?: ResourceSummary;
  /** What could not be collected, for logs and events. */
  readonly problems: readonly string[];
}

export interface ClusterStatusCollectorOptions {
  /** Probes and collections in flight over all members (default 32). */
  concurrency?: number;
  /** Bound of one health probe (default 5 s). */
  probeTimeoutMs?: number;
  /** How long collect() waits for the first list of nodes and pods (default 10 s). */
  cacheSyncTimeoutMs?: number;
  /**
   * How long the version and API enablements read from a member are reused (default 60 s). They are read again
   * sooner, on the next collection, after a probe that was not healthy, a node or pod watch that failed, or a
   * discovery that failed in part: what a restart, an upgrade or a flaky member shows.
   */
  discoveryIntervalMs?: number;
  discovery?: Omit<ApiDiscoveryOptions, 'now'>;
  watch?: WatchTuning;
  /** A node or pod list/watch failed (it retries by itself). */
  onCacheError?: (cluster: string, resource: 'nodes' | 'pods', error: unknown) => void;
}

/** Version and API enablements as one discovery read them. */
interface Discovered {
  readonly kubernetesVersion: string;
  readonly apiEnablements: APIEnablement[];
  readonly condition: Omit<Condition, 'lastTransitionTime'>;
  readonly problems: string[];
}

interface Member {
  readonly client: MemberClient;
  readonly discovery: ApiDiscovery;
  caches?: { nodes: ListWatch<NodeCapacity>; pods: ListWatch<PodDemand> };
  discovered?: Discovered;
  discoveredAt: number;
  /** Something suggests the member changed (see discoveryIntervalMs): read discovery again on the next collection. */
  rediscover: boolean;
  /** The last fragment and what it was made from. */
  last?: { discovered: Discovered; nodes: number; pods: number; synced: boolean; fragment: ClusterStatusFragment };
}

/**
 * Karmada's cluster-status controller, member side: for each started member, health probes and status collection.
 * Nodes and pods are not listed per collection: the first collect() starts a watch-based cache of each (keeping only
 * what the summaries read), as Karmada's controller starts informers once a member is ready, and later collections
 * summarise the cache, only when it changed. Version and API enablements are read at most every discoveryIntervalMs
 * unless something suggests a change (Karmada reads them every round; on an idle fleet of a thousand members that
 * is most of the control plane's work for nothing). A global semaphore bounds the probes and collections in flight;
 * every request has a deadline, so one hanging member holds a slot for a bounded time. Time spent waiting for a slot
 * does not count against the probe deadline.
 */
export class ClusterStatusCollector {
  private readonly members = new Map<string, Member>();
  private readonly slots: Semaphore;
  private revisions = 0;
  /** The pods of a workload mostly ask for the same: 10,000 replicas hold one PodDemand (a Map of bigints each otherwise). */
  private readonly demands = new SharedValues<PodDemand>(podDemandKey);

  constructor(private readonly options: ClusterStatusCollectorOptions = {}) {
    this.slots = new Semaphore(options.concurrency ?? 32);
  }

  /** Registers a member; the caller keeps owning the client (and closes it after stop). */
  start(name: string, client: MemberClient): void {
    if (this.members.has(name)) throw new Error(`cluster ${name} is already started`);
    this.members.set(name, { client, discovery: new ApiDiscovery(client, this.options.discovery), discoveredAt: 0, rediscover: false });
  }

  /** Forgets a member and stops its caches. */
  async stop(name: string): Promise<void> {
    const member = this.members.get(name);
    this.members.delete(name);
    if (member?.caches) await Promise.all([member.caches.nodes.stop(), member.caches.pods.stop()]);
  }

  async close(): Promise<void> {
    await Promise.all([...this.members.keys()].map((name) => this.stop(name)));
  }

  clusters(): string[] {
    return [...this.members.keys()];
  }

  async probe(name: string): Promise<HealthProbe> {
    const member = this.member(name);
    const probe = await this.slots.run(() => probeHealth(member.client, { timeoutMs: this.options.probeTimeoutMs ?? 5_000 }));
    if (probe.outcome !== 'healthy') member.rediscover = true;
    return probe;
  }

  /**
   * Version, API enablements and, once the caches have synced, node and resource summaries. Never throws for the
   * member's failures. Returns the previous fragment itself when nothing it is made from changed.
   */
  collect(name: string): Promise<ClusterStatusFragment> {
    const member = this.member(name);
    return this.slots.run(async () => {
      // The member may have been stopped while this waited for a slot: starting caches now would leak them.
      if (this.members.get(name) !== member) throw new Error(`cluster ${name} was stopped`);
      const caches = (member.caches ??= this.startCaches(name, member));
      const [discovered, synced] = await Promise.all([this.discovered(member), this.waitForSync(caches)]);
      const nodes = caches.nodes.revision;
      const pods = caches.pods.revision;
      const last = member.last;
      if (last && last.discovered === discovered && last.nodes === nodes && last.pods === pods && last.synced === synced) return last.fragment;

      const { kubernetesVersion, apiEnablements, condition, problems } = discovered;
      let fragment: ClusterStatusFragment;
      if (synced) {
        const nodeValues = caches.nodes.values();
        fragment = {
          revision: ++this.revisions,
          kubernetesVersion,
          apiEnablements,
          apiEnablementsCondition: condition,
          nodeSummary: summarizeNodes(nodeValues),
          resourceSummary: summarizeResources(nodeValues, caches.pods.values()),
          problems,
        };
      } else {
        const waited = `nodes and pods not listed within ${this.options.cacheSyncTimeoutMs ?? 10_000} ms`;
        fragment = { revision: ++this.revisions, kubernetesVersion, apiEnablements, apiEnablementsCondition: condition, problems: [...problems, waited] };
      }
      member.last = { discovered, nodes, pods, synced, fragment };
      return fragment;
    });
  }

  private member(name: string): Member {
    const member = this.members.get(name);
    if (!member) throw new Error(`cluster ${name} is not started`);
    return member;
  }

  /** The member's version and API enablements: the ones read before while they are fresh, else read now. */
  private async discovered(member: Member): Promise<Discovered> {
    const now = Date.now();
    const previous = member.discovered;
    if (previous && !member.rediscover && now - member.discoveredAt < (this.options.discoveryIntervalMs ?? 60_000)) return previous;
    member.rediscover = false;
    const problems: string[] = [];
    // One request after the other, on the connection the probes keep alive: requests in parallel would open
    // connections that the member closes while they idle until the next discovery, and TLS handshakes cost more.
    const kubernetesVersion = await this.kubernetesVersion(member.client, problems);
    const groupVersions = await member.discovery.discover();
    const { apiEnablements, condition } = apiEnablementStatus(groupVersions);
    for (const d of groupVersions) if ('error' in d) problems.push(`discovery of ${d.groupVersion || 'the API groups'}: ${d.error}`);
    // What failed is tried again on the next collection rather than after a whole interval.
    if (problems.length > 0) member.rediscover = true;
    const fresh = { kubernetesVersion, apiEnablements, condition, problems };
    // Nothing new is the usual answer: keeping the object tells collect() (and its callers) so without comparing more.
    const discovered = previous && JSON.stringify(previous) === JSON.stringify(fresh) ? previous : fresh;
    member.discovered = discovered;
    member.discoveredAt = now;
    return discovered;
  }

  private async kubernetesVersion(client: MemberClient, problems: string[]): Promise<string> {
    try {
      const version = await client.json<{ gitVersion?: string }>({ path: '/version', timeoutMs: this.options.discovery?.timeoutMs ?? 5_000 });
      return version.gitVersion ?? '';
    } catch (error) {
      problems.push(`version: ${(error as Error).message}`);
      return '';
    }
  }

  private async waitForSync(caches: NonNullable<Member['caches']>): Promise<boolean> {
    const timeoutMs = this.options.cacheSyncTimeoutMs ?? 10_000;
    const [nodes, pods] = await Promise.all([caches.nodes.waitForSync(timeoutMs), caches.pods.waitForSync(timeoutMs)]);
    return nodes && pods;
  }

  private startCaches(name: string, member: Member): NonNullable<Member['caches']> {
    const cache = <T>(resource: 'nodes' | 'pods', transform: (o: object) => T): ListWatch<T> => {
      const lw = new ListWatch<T>(member.client, {
        ...this.options.watch,
        collectionPath: () => `/api/v1/${resource}`,
        transform,
        onError: (error) => {
          member.rediscover = true;
          this.options.onCacheError?.(name, resource, error);
        },
      });
      lw.start();
      return lw;
    };
    return { nodes: cache('nodes', nodeCapacity), pods: cache('pods', (pod) => this.demands.share(podDemand(pod))) };
  }
}

/** Equal demands, equal keys: the placement and the requests in name order. */
function podDemandKey(demand: PodDemand): string {
  const requests = [...demand.requests].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${demand.placement}|${requests.map(([name, amount]) => `${name}=${amount}`).join(',')}`;
}
