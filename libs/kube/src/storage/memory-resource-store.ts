import type { KubeObject } from '../api/object.js';
import { matchesFieldSelector } from '../selectors/field-selector.js';
import { matchesLabelSelector } from '../selectors/label-selector.js';
import {
  StoreAlreadyExistsError,
  StoreConflictError,
  StoreExpiredError,
  StoreNotFoundError,
  storageKey,
  type ObjectKey,
  type ResourceStore,
  type StorageResource,
  type StoreListOptions,
  type StoreListResult,
  type StoreWatchEvent,
  type StoreWatchOptions,
  type StoreWriteOptions,
  type WatchEventType,
  type WatchSubscription,
} from './resource-store.js';
import { WatchChannel } from './watch-channel.js';

/** A committed change, as synchronous listeners of the memory store see it. */
export interface StoreChange {
  resource: StorageResource;
  type: WatchEventType;
  object: KubeObject;
  /** The state before the change (undefined for ADDED). */
  previous: KubeObject | undefined;
}

interface HistoryEntry {
  resourceKey: string;
  resourceVersion: number;
  event: StoreWatchEvent;
}

interface Watcher {
  channel: WatchChannel<StoreWatchEvent>;
  options: StoreWatchOptions;
}

export interface MemoryResourceStoreOptions {
  /** How many changes are kept for watch replay; older versions answer 410 Expired. */
  historyLimit?: number;
}

type Namespaces = Map<string, Map<string, KubeObject>>;

/**
 * ResourceStore in memory: objects in Maps keyed resource → namespace → name, one global resourceVersion counter,
 * a bounded history of changes for watch replay. Writes are synchronous underneath, so list-then-watch has no gap.
 */
export class MemoryResourceStore implements ResourceStore {
  private resourceVersion = 0;
  private readonly data = new Map<string, Namespaces>();
  private history: HistoryEntry[] = [];
  /** The newest version no longer in the history (0 while nothing was dropped). */
  private compactedThrough = 0;
  private readonly watchers = new Map<string, Set<Watcher>>();
  private readonly listeners = new Set<(change: StoreChange) => void>();
  private readonly historyLimit: number;

  constructor(options: MemoryResourceStoreOptions = {}) {
    this.historyLimit = options.historyLimit ?? 10_000;
  }

  /** Synchronous notification of every committed change, for in-process controllers and indexes. */
  subscribe(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The current object, synchronously (in-process readers). */
  peek(key: ObjectKey): KubeObject | undefined {
    return this.data.get(storageKey(key))?.get(key.namespace)?.get(key.name);
  }

  /** Every object of a resource, synchronously, optionally in one namespace (unsorted). */
  snapshot(resource: StorageResource, namespace?: string): KubeObject[] {
    const namespaces = this.data.get(storageKey(resource));
    if (!namespaces) return [];
    if (namespace !== undefined) return [...(namespaces.get(namespace)?.values() ?? [])];
    const out: KubeObject[] = [];
    for (const objects of namespaces.values()) for (const o of objects.values()) out.push(o);
    return out;
  }

  get currentVersion(): number {
    return this.resourceVersion;
  }

  async get(key: ObjectKey): Promise<KubeObject | undefined> {
    return this.peek(key);
  }

  async list(resource: StorageResource, options: StoreListOptions = {}): Promise<StoreListResult> {
    const after = options.after;
    const items = this.snapshot(resource, options.namespace).filter(
      (o) => (!after || compareKeyParts(o.metadata.namespace ?? '', o.metadata.name ?? '', after.namespace, after.name) > 0) && matches(o, options),
    );
    items.sort(byNamespaceAndName);
    const resourceVersion = String(this.resourceVersion);
    if (!options.limit || items.length <= options.limit) return { items, resourceVersion };
    return { items: items.slice(0, options.limit), resourceVersion, more: true };
  }

  async currentResourceVersion(): Promise<string> {
    return String(this.resourceVersion);
  }

  async create(key: ObjectKey, object: KubeObject): Promise<KubeObject> {
    const objects = this.objectsOf(key, true)!;
    if (objects.has(key.name)) throw new StoreAlreadyExistsError(key);
    const stored = this.stamp(object);
    objects.set(key.name, stored);
    this.commit(key, 'ADDED', stored, undefined);
    return stored;
  }

  async update(key: ObjectKey, object: KubeObject, options: StoreWriteOptions = {}): Promise<KubeObject> {
    const objects = this.objectsOf(key, false);
    const current = objects?.get(key.name);
    if (!objects || !current) throw new StoreNotFoundError(key);
    this.checkVersion(key, current, options);
    const stored = this.stamp(object);
    objects.set(key.name, stored);
    this.commit(key, 'MODIFIED', stored, current);
    return stored;
  }

  async delete(key: ObjectKey, options: StoreWriteOptions = {}): Promise<KubeObject> {
    const objects = this.objectsOf(key, false);
    const current = objects?.get(key.name);
    if (!objects || !current) throw new StoreNotFoundError(key);
    this.checkVersion(key, current, options);
    objects.delete(key.name);
    if (objects.size === 0) this.data.get(storageKey(key))?.delete(key.namespace);
    const last = this.stamp(current);
    this.commit(key, 'DELETED', last, current);
    return last;
  }

  async watch(resource: StorageResource, options: StoreWatchOptions = {}): Promise<WatchSubscription> {
    const from = options.fromResourceVersion === undefined ? this.resourceVersion : Number(options.fromResourceVersion);
    if (!Number.isFinite(from)) throw new StoreExpiredError(String(options.fromResourceVersion), String(this.compactedThrough + 1));
    if (from < this.compactedThrough) throw new StoreExpiredError(String(from), String(this.compactedThrough + 1));
    const key = storageKey(resource);
    let watchers = this.watchers.get(key);
    if (!watchers) this.watchers.set(key, (watchers = new Set()));
    const set = watchers;
    const watcher: Watcher = {
      channel: new WatchChannel<StoreWatchEvent>(() => {
        set.delete(watcher);
        if (set.size === 0) this.watchers.delete(key);
      }),
      options,
    };
    for (let i = this.firstAfter(from); i < this.history.length; i++) {
      const entry = this.history[i]!;
      if (entry.resourceKey === key && matches(entry.event.object, options)) watcher.channel.push(entry.event);
    }
    set.add(watcher);
    return watcher.channel;
  }

  /** Index of the first history entry newer than `version` (binary search: versions increase). */
  private firstAfter(version: number): number {
    let lo = 0;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.history[mid]!.resourceVersion <= version) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private objectsOf(key: ObjectKey, create: boolean): Map<string, KubeObject> | undefined {
    const rk = storageKey(key);
    let namespaces = this.data.get(rk);
    if (!namespaces) {
      if (!create) return undefined;
      this.data.set(rk, (namespaces = new Map()));
    }
    let objects = namespaces.get(key.namespace);
    if (!objects && create) namespaces.set(key.namespace, (objects = new Map()));
    return objects;
  }

  private checkVersion(key: ObjectKey, current: KubeObject, options: StoreWriteOptions): void {
    const actual = current.metadata.resourceVersion ?? '';
    if (options.expectedResourceVersion !== undefined && options.expectedResourceVersion !== actual) {
      throw new StoreConflictError(key, options.expectedResourceVersion, actual);
    }
  }

  private stamp(object: KubeObject): KubeObject {
    this.resourceVersion++;
    return { ...object, metadata: { ...object.metadata, resourceVersion: String(this.resourceVersion) } };
  }

  private commit(resource: StorageResource, type: WatchEventType, object: KubeObject, previous: KubeObject | undefined): void {
    const key = storageKey(resource);
    const event: StoreWatchEvent = { type, object };
    this.history.push({ resourceKey: key, resourceVersion: this.resourceVersion, event });
    if (this.history.length > this.historyLimit + Math.max(16, this.historyLimit >> 3)) {
      const drop = this.history.length - this.historyLimit;
      this.compactedThrough = this.history[drop - 1]!.resourceVersion;
      this.history = this.history.slice(drop);
    }
    const watchers = this.watchers.get(key);
    if (watchers) for (const w of watchers) if (matches(object, w.options)) w.channel.push(event);
    if (this.listeners.size > 0) {
      const change: StoreChange = { resource: { group: resource.group, resource: resource.resource }, type, object, previous };
      for (const listener of this.listeners) listener(change);
    }
  }
}

function matches(object: KubeObject, options: StoreListOptions): boolean {
  if (options.namespace !== undefined && (object.metadata.namespace ?? '') !== options.namespace) return false;
  if (options.labelSelector && options.labelSelector.length > 0 && !matchesLabelSelector(options.labelSelector, object.metadata.labels)) return false;
  if (options.fieldSelector && options.fieldSelector.length > 0 && !matchesFieldSelector(options.fieldSelector, object)) return false;
  return true;
}

function byNamespaceAndName(a: KubeObject, b: KubeObject): number {
  return compareKeyParts(a.metadata.namespace ?? '', a.metadata.name ?? '', b.metadata.namespace ?? '', b.metadata.name ?? '');
}

/** Namespace, then name: the order lists come in and pages follow. */
function compareKeyParts(aNamespace: string, aName: string, bNamespace: string, bName: string): number {
  if (aNamespace !== bNamespace) return aNamespace < bNamespace ? -1 : 1;
  return aName < bName ? -1 : aName > bName ? 1 : 0;
}
