import type { KubeObject } from '@karmada-ts/domain';
import type { MemberClient } from './member-client.js';
import { apiError, type KubeStatus } from './member-error.js';

/** A change to the cache; `object` is the object as the member sent it (absent when a relist found it gone). */
export type CacheEvent<T> =
  | { readonly type: 'added'; readonly key: string; readonly value: T; readonly object: KubeObject }
  | { readonly type: 'updated'; readonly key: string; readonly value: T; readonly previous: T; readonly object: KubeObject }
  | { readonly type: 'deleted'; readonly key: string; readonly value: T; readonly object?: KubeObject };

export interface ListWatchOptions<T> {
  /** The collection to list and watch, asked again before every list (a kind may only be served later). */
  collectionPath: () => Promise<string> | string;
  labelSelector?: string;
  fieldSelector?: string;
  /** What to keep of each object (list items get apiVersion and kind filled in first). */
  transform: (object: KubeObject) => T;
  onEvent?: (event: CacheEvent<T>) => void;
  /** A failed list or watch; the loop backs off and lists again. */
  onError?: (error: unknown) => void;
  /** Items per list page (default 500). */
  pageSize?: number;
  /** Server-side length of one watch (default 300 s); the client gives up 30 s after that. */
  watchTimeoutSeconds?: number;
  /** Deadline of one list page (default 60 s). */
  listTimeoutMs?: number;
  /** Delay before listing again after a failure: doubles from initialMs up to maxMs (defaults 500 ms, 30 s). */
  backoff?: { initialMs?: number; maxMs?: number };
}

/** The knobs of a list + watch loop that callers may tune. */
export type WatchTuning = Pick<ListWatchOptions<unknown>, 'pageSize' | 'watchTimeoutSeconds' | 'listTimeoutMs' | 'backoff'>;

interface Entry<T> {
  readonly resourceVersion: string;
  readonly value: T;
}

interface WatchEvent {
  type?: string;
  object?: KubeObject;
}

interface ObjectList {
  apiVersion?: string;
  kind?: string;
  metadata?: { resourceVersion?: string; continue?: string };
  items?: KubeObject[];
}

/**
 * A cache of one member collection kept by list + watch, the way client-go's reflector does it: list (in pages), then
 * watch from the list's resourceVersion with bookmarks, watch again from the last version seen when the server ends a
 * watch, list again when the version has expired (410) or anything failed (after a backoff: the member may have been
 * away or restarted). A relist is diffed against the cache, so handlers see the adds, updates and deletes they missed.
 * stop() aborts the request in flight and the backoff timer; nothing is left running.
 */
export class ListWatch<T> {
  private readonly items = new Map<string, Entry<T>>();
  private readonly abort = new AbortController();
  private readonly syncWaiters = new Set<(synced: boolean) => void>();
  private resourceVersion: string | undefined;
  private path = '';
  private loop: Promise<void> | undefined;
  private hasSynced = false;
  private changes = 0;

  constructor(
    private readonly client: MemberClient,
    private readonly options: ListWatchOptions<T>,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    for (const wake of this.syncWaiters) wake(false);
    this.syncWaiters.clear();
    await this.loop;
  }

  /** The first list has completed (it stays true while a relist after a failure is pending, as informers do). */
  get synced(): boolean {
    return this.hasSynced;
  }

  /** Resolves true once synced, false if the time runs out or the cache is stopped first. */
  waitForSync(timeoutMs: number): Promise<boolean> {
    if (this.hasSynced) return Promise.resolve(true);
    if (this.abort.signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (synced: boolean): void => {
        clearTimeout(timer);
        this.syncWaiters.delete(done);
        resolve(synced);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      this.syncWaiters.add(done);
    });
  }

  get(key: string): T | undefined {
    return this.items.get(key)?.value;
  }

  values(): T[] {
    return [...this.items.values()].map((e) => e.value);
  }

  get size(): number {
    return this.items.size;
  }

  /** Counts the changes applied to the cache: what was derived from it at one revision holds until the next. */
  get revision(): number {
    return this.changes;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.abort.signal.aborted) {
      try {
        if (this.resourceVersion === undefined) await this.relist();
        const started = Date.now();
        const outcome = await this.watch();
        if (outcome === 'expired') this.resourceVersion = undefined;
        // A watch the server ends at once, again and again, must not turn into a busy loop.
        failures = Date.now() - started < 1_000 ? failures + 1 : 0;
        if (failures > 1) await this.sleep(this.backoffMs(failures));
      } catch (error) {
        if (this.abort.signal.aborted) break;
        this.options.onError?.(error);
        this.resourceVersion = undefined;
        failures += 1;
        await this.sleep(this.backoffMs(failures));
      }
    }
  }

  /**
   * Lists page by page and brings the cache up to date with each page as it comes (events for what changed), then
   * drops what no page held. Only one page of full objects is alive at a time: a relist of 10,000 objects in each of
   * ten members, all at once after a restart, held every object of every list before.
   */
  private async relist(): Promise<void> {
    this.path = await this.options.collectionPath();
    const listed = new Set<string>();
    let continueToken: string | undefined;
    let resourceVersion: string | undefined;
    do {
      const page = await this.client.json<ObjectList>({
        path: this.path,
        query: { ...this.selectors(), limit: String(this.options.pageSize ?? 500), continue: continueToken },
        timeoutMs: this.options.listTimeoutMs ?? 60_000,
        signal: this.abort.signal,
      });
      const kind = page.kind?.replace(/List$/, '');
      for (const item of page.items ?? []) {
        const object = { ...item, apiVersion: item.apiVersion ?? page.apiVersion ?? '', kind: item.kind ?? kind ?? '' };
        const key = keyOf(object);
        const entry = { resourceVersion: object.metadata.resourceVersion ?? '', value: this.options.transform(object) };
        const before = this.items.get(key);
        listed.add(key);
        this.items.set(before ? key : flattened(key), entry);
        if (!before) this.emit({ type: 'added', key, value: entry.value, object });
        else if (before.resourceVersion !== entry.resourceVersion) this.emit({ type: 'updated', key, value: entry.value, previous: before.value, object });
      }
      continueToken = page.metadata?.continue || undefined;
      resourceVersion = page.metadata?.resourceVersion;
    } while (continueToken);

    for (const [key, gone] of this.items) {
      if (listed.has(key)) continue;
      this.items.delete(key);
      this.emit({ type: 'deleted', key, value: gone.value });
    }
    this.resourceVersion = resourceVersion ?? '';
    if (!this.hasSynced) {
      this.hasSynced = true;
      for (const wake of [...this.syncWaiters]) wake(true);
    }
  }

  private async watch(): Promise<'ended' | 'expired'> {
    const seconds = this.options.watchTimeoutSeconds ?? 300;
    let expired = false;
    const response = await this.client.stream(
      {
        path: this.path,
        query: { ...this.selectors(), watch: 'true', resourceVersion: this.resourceVersion, allowWatchBookmarks: 'true', timeoutSeconds: String(seconds) },
        timeoutMs: (seconds + 30) * 1000,
        signal: this.abort.signal,
      },
      (line) => {
        if (!expired) expired = this.apply(JSON.parse(line) as WatchEvent) === 'expired';
      },
    );
    if (response.status === 410) return 'expired';
    if (response.status !== 200) throw apiError(response.status, response.body, `watch ${this.path}`);
    return expired ? 'expired' : 'ended';
  }

  /** Applies one watch event to the cache; an ERROR event other than 410 Expired is thrown. */
  private apply(event: WatchEvent): 'applied' | 'expired' {
    const object = event.object;
    if (!object) return 'applied';
    if (event.type === 'ERROR') {
      const status = object as unknown as KubeStatus;
      if (status.code === 410) return 'expired';
      throw apiError(status.code ?? 500, JSON.stringify(status), `watch ${this.path}`);
    }
    const resourceVersion = object.metadata?.resourceVersion;
    if (resourceVersion) this.resourceVersion = resourceVersion;
    if (event.type !== 'ADDED' && event.type !== 'MODIFIED' && event.type !== 'DELETED') return 'applied'; // BOOKMARK
    const key = keyOf(object);
    const before = this.items.get(key);
    if (event.type === 'DELETED') {
      this.items.delete(key);
      this.emit({ type: 'deleted', key, value: before?.value ?? this.options.transform(object), object });
      return 'applied';
    }
    const entry = { resourceVersion: resourceVersion ?? '', value: this.options.transform(object) };
    this.items.set(before ? key : flattened(key), entry);
    this.emit(before ? { type: 'updated', key, value: entry.value, previous: before.value, object } : { type: 'added', key, value: entry.value, object });
    return 'applied';
  }

  private emit(event: CacheEvent<T>): void {
    this.changes += 1;
    try {
      this.options.onEvent?.(event);
    } catch (error) {
      // A failing handler must not tear down the watch that feeds every other event.
      this.options.onError?.(error);
    }
  }

  private selectors(): Record<string, string | undefined> {
    return { labelSelector: this.options.labelSelector, fieldSelector: this.options.fieldSelector };
  }

  private backoffMs(failures: number): number {
    const initial = this.options.backoff?.initialMs ?? 500;
    const max = this.options.backoff?.maxMs ?? 30_000;
    const delay = Math.min(max, initial * 2 ** Math.min(failures - 1, 30));
    // Jitter spreads the relists of many members that failed together.
    return delay / 2 + Math.random() * (delay / 2);
  }

  private sleep(ms: number): Promise<void> {
    const signal = this.abort.signal;
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      signal.addEventListener('abort', wake, { once: true });
    });
  }
}

/** namespace/name, or name for a cluster-scoped object. */
export function keyOf(object: { metadata?: { name?: string; namespace?: string } }): string {
  const { name = '', namespace } = object.metadata ?? {};
  return namespace ? `${namespace}/${name}` : name;
}

/**
 * A new cache key as one flat string. keyOf builds `namespace/name` as a rope (ConsString) that holds on to the
 * namespace and name strings of the parsed object, about 50 bytes more per key than the flat string V8 leaves once
 * something reads the rope's characters: charCodeAt flattens it in place, and the next collection drops the rope.
 * 100,000 cached pods or managed objects: 5 MiB less live heap (docs/performance.md, session 14). A key already in
 * the map stays the one stored, so only a new key needs this.
 */
function flattened(key: string): string {
  key.charCodeAt(0);
  return key;
}
