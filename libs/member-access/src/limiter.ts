/** At most `limit` tasks at a time; the rest wait in arrival order. */
export class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`a semaphore needs a limit of at least 1, not ${limit}`);
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with a release function once a slot is free. */
  async acquire(): Promise<() => void> {
    if (this.running < this.limit) this.running += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve)); // the releaser hands its slot over
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await task();
    } finally {
      release();
    }
  }
}

export interface ClusterLimiterOptions {
  /** Calls in flight to one member (default 4). */
  perCluster?: number;
  /** Calls in flight to all members together (default 64). */
  global?: number;
}

/**
 * Bounds the calls to member clusters, per member and overall. A call first waits for its member's slot and only
 * then for a global one, so a slow member holds at most `perCluster` global slots and its backlog queues behind its
 * own limit instead of in front of everyone else's calls. Members' call deadlines bound how long a slot is held.
 */
export class ClusterLimiter {
  private readonly perCluster: number;
  private readonly global: Semaphore;
  private readonly clusters = new Map<string, Semaphore>();

  constructor(options: ClusterLimiterOptions = {}) {
    this.perCluster = options.perCluster ?? 4;
    this.global = new Semaphore(options.global ?? 64);
  }

  async run<T>(cluster: string, task: () => Promise<T>): Promise<T> {
    let own = this.clusters.get(cluster);
    if (!own) {
      own = new Semaphore(this.perCluster);
      this.clusters.set(cluster, own);
    }
    const releaseOwn = await own.acquire();
    try {
      return await this.global.run(task);
    } finally {
      releaseOwn();
      // Forget idle members so that the map does not grow with every cluster ever seen.
      if (own.active === 0 && own.queued === 0) this.clusters.delete(cluster);
    }
  }

  /** Calls running and waiting, for metrics and tests. */
  load(cluster?: string): { active: number; queued: number } {
    const s = cluster === undefined ? this.global : this.clusters.get(cluster);
    return { active: s?.active ?? 0, queued: s?.queued ?? 0 };
  }
}

/** `map` over items with at most `limit` calls in flight; results keep the items' order. */
export async function mapWithLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
