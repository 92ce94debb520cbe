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

/** What one collection found: the Cluster.status fields cluster-svc records besides the Ready condition. */
export interface ClusterStatusFragment {
  /** From /version; '' when it could not be read, as Karmada leaves it. */
  kubernetesVersion: string;
  apiEnablements: APIEnablement[];
  /** The CompleteAPIEnablements condition (Complete, Partial or Empty); the caller stamps the transition time. */
  apiEnablementsCondition: Omit<Condition, 'lastTransitionTime'>;
  /** Absent until the member's nodes and pods have been listed once. */
  nodeSummary?: NodeSummary;
  resourceSummary?: ResourceSummary;
  /** What could not be collected, for logs and events. */
  problems: string[];
}

export interface ClusterStatusCollectorOptions {
  /** Probes and collections in flight over all members (default 32). */
  concurrency?: number;
  /** Bound of one health probe (default 5 s). */
  probeTimeoutMs?: number;
  /** How long collect() waits for the first list of nodes and pods (default 10 s). */
  cacheSyncTimeoutMs?: number;
  discovery?: Omit<ApiDiscoveryOptions, 'now'>;
  watch?: WatchTuning;
  /** A node or pod list/watch failed (it retries by itself). */
  onCacheError?: (cluster: string, resource: 'nodes' | 'pods', error: unknown) => void;
}

interface Member {
  readonly client: MemberClient;
  readonly discovery: ApiDiscovery;
  caches?: { nodes: ListWatch<NodeCapacity>; pods: ListWatch<PodDemand> };
}

/**
 * Karmada's cluster-status controller, member side: for each started member, health probes and status collection.
 * Nodes and pods are not listed per collection: the first collect() starts a watch-based cache of each (keeping only
 * what the summaries read), as Karmada's controller starts informers once a member is ready, and later collections
 * summarise the cache. A global semaphore bounds the probes and collections in flight; every request has a deadline,
 * so one hanging member holds a slot for a bounded time. Time spent waiting for a slot does not count against the
 * probe deadline.
 */
export class ClusterStatusCollector {
  private readonly members = new Map<string, Member>();
  private readonly slots: Semaphore;

  constructor(private readonly options: ClusterStatusCollectorOptions = {}) {
    this.slots = new Semaphore(options.concurrency ?? 32);
  }

  /** Registers a member; the caller keeps owning the client (and closes it after stop). */
  start(name: string, client: MemberClient): void {
    if (this.members.has(name)) throw new Error(`cluster ${name} is already started`);
    this.members.set(name, { client, discovery: new ApiDiscovery(client, this.options.discovery) });
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

  probe(name: string): Promise<HealthProbe> {
    const member = this.member(name);
    return this.slots.run(() => probeHealth(member.client, { timeoutMs: this.options.probeTimeoutMs ?? 5_000 }));
  }

  /** Version, API enablements and, once the caches have synced, node and resource summaries. Never throws for the member's failures. */
  collect(name: string): Promise<ClusterStatusFragment> {
    const member = this.member(name);
    return this.slots.run(async () => {
      // The member may have been stopped while this waited for a slot: starting caches now would leak them.
      if (this.members.get(name) !== member) throw new Error(`cluster ${name} was stopped`);
      const caches = (member.caches ??= this.startCaches(name, member.client));
      const problems: string[] = [];
      const [kubernetesVersion, discovered, synced] = await Promise.all([
        this.kubernetesVersion(member.client, problems),
        member.discovery.discover(),
        this.waitForSync(caches),
      ]);
      const { apiEnablements, condition } = apiEnablementStatus(discovered);
      for (const d of discovered) if ('error' in d) problems.push(`discovery of ${d.groupVersion || 'the API groups'}: ${d.error}`);
      const fragment: ClusterStatusFragment = { kubernetesVersion, apiEnablements, apiEnablementsCondition: condition, problems };
      if (!synced) {
        problems.push(`nodes and pods not listed within ${this.options.cacheSyncTimeoutMs ?? 10_000} ms`);
        return fragment;
      }
      const nodes = caches.nodes.values();
      return { ...fragment, nodeSummary: summarizeNodes(nodes), resourceSummary: summarizeResources(nodes, caches.pods.values()) };
    });
  }

  private member(name: string): Member {
    const member = this.members.get(name);
    if (!member) throw new Error(`cluster ${name} is not started`);
    return member;
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

  private startCaches(name: string, client: MemberClient): NonNullable<Member['caches']> {
    const cache = <T>(resource: 'nodes' | 'pods', transform: (o: object) => T): ListWatch<T> => {
      const lw = new ListWatch<T>(client, {
        ...this.options.watch,
        collectionPath: () => `/api/v1/${resource}`,
        transform,
        onError: (error) => this.options.onCacheError?.(name, resource, error),
      });
      lw.start();
      return lw;
    };
    return { nodes: cache('nodes', nodeCapacity), pods: cache('pods', podDemand) };
  }
}
