import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Cluster } from '@karmada-ts/domain';
import { ClusterCache } from './cluster-cache.js';

/** One Cluster before and after a change (undefined: it did not exist). */
export interface ClusterDiff {
  readonly name: string;
  readonly before: Cluster | undefined;
  readonly after: Cluster | undefined;
}

/**
 * What changed among the Clusters since the cluster reconcilers last looked, so that they requeue the bindings a
 * change concerns. It keeps its own copy of the Clusters: the cache is refreshed by every decision, so its previous
 * state says nothing about what the reconcilers have seen.
 */
@Injectable()
export class ClusterChanges implements OnModuleInit {
  private seen: ReadonlyMap<string, Cluster> = new Map();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(@Inject(ClusterCache) private readonly cache: ClusterCache) {}

  async onModuleInit(): Promise<void> {
    this.seen = (await this.cache.current()).clusters;
  }

  /** The Clusters whose object differs from the last call's (the reconcilers of specs and statuses take turns). */
  next(): Promise<ClusterDiff[]> {
    const result = this.queue.then(async () => {
      const { clusters } = await this.cache.current();
      const names = new Set([...this.seen.keys(), ...clusters.keys()]);
      const diffs = [...names].flatMap((name) => {
        const before = this.seen.get(name);
        const after = clusters.get(name);
        return before === after ? [] : [{ name, before, after }];
      });
      this.seen = clusters;
      return diffs;
    });
    this.queue = result.catch(() => undefined);
    return result;
  }
}
