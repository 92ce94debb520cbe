import type { KubeObject } from '../api/object.js';
import type { RequestContext } from '../api/request-options.js';
import type { FieldSelector } from '../selectors/field-selector.js';
import type { LabelSelector } from '../selectors/label-selector.js';

/**
 * The persistence port of the API layer. The request handler does all API semantics (validation, defaulting,
 * admission, patches, generation, finalizers) and calls a store only to persist plain JSON objects.
 *
 * Contract for implementations (in-memory here; an event-sourced store later):
 * - resourceVersion is a numeric string that increases across the whole store with every write; the store stamps
 *   `metadata.resourceVersion` on what it writes and returns the stored object.
 * - Objects passed in and returned are treated as immutable by both sides (returned objects may be shared).
 * - `update` and `delete` with `expectedResourceVersion` fail with StoreConflictError when the stored version differs.
 * - `list` applies the selectors and reports the store's current resourceVersion.
 * - `watch` delivers, in order, every change after `fromResourceVersion` (or after "now" when absent) that matches
 *   the options, and rejects with StoreExpiredError when that version is older than the retained history.
 */
export interface StorageResource {
  group: string;
  resource: string;
}

export interface ObjectKey extends StorageResource {
  /** '' for cluster-scoped objects. */
  namespace: string;
  name: string;
}

export interface StoreListOptions {
  /** Only this namespace; all namespaces when undefined. */
  namespace?: string;
  labelSelector?: LabelSelector;
  fieldSelector?: FieldSelector;
  /**
   * At most this many items (a page), in namespace/name order. A store may ignore it and return every item, as an
   * API server may.
   */
  limit?: number;
  /** Only the items after this one in namespace/name order: where the previous page ended. */
  after?: ObjectKeyRef;
}

/** An object's namespace ('' when cluster-scoped) and name, without its resource. */
export type ObjectKeyRef = Pick<ObjectKey, 'namespace' | 'name'>;

export interface StoreListResult {
  items: KubeObject[];
  resourceVersion: string;
  /** Set when the store stopped at `limit` and more items follow the last one. */
  more?: boolean;
}

export interface StoreWriteOptions {
  /** Optimistic concurrency: the write fails unless the stored resourceVersion equals this one. */
  expectedResourceVersion?: string;
  /** Set for status or scale subresource writes, for stores that record why an object changed. */
  subresource?: 'status' | 'scale';
  /** Who writes and the request's ids, for stores that record the author of every change. */
  context?: RequestContext;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreWatchEvent {
  type: WatchEventType;
  /** The object after the change (for DELETED, its last state stamped with the deletion's resourceVersion). */
  object: KubeObject;
}

export interface StoreWatchOptions extends StoreListOptions {
  /** Deliver changes after this version; undefined = from now on. */
  fromResourceVersion?: string;
}

/** A stream of changes; iterate it, and close it to stop (iteration then ends). */
export interface WatchSubscription extends AsyncIterable<StoreWatchEvent> {
  close(): void;
}

export interface ResourceStore {
  get(key: ObjectKey): Promise<KubeObject | undefined>;
  list(resource: StorageResource, options?: StoreListOptions): Promise<StoreListResult>;
  create(key: ObjectKey, object: KubeObject, options?: Pick<StoreWriteOptions, 'context'>): Promise<KubeObject>;
  update(key: ObjectKey, object: KubeObject, options?: StoreWriteOptions): Promise<KubeObject>;
  delete(key: ObjectKey, options?: StoreWriteOptions): Promise<KubeObject>;
  watch(resource: StorageResource, options?: StoreWatchOptions): Promise<WatchSubscription>;
  currentResourceVersion(): Promise<string>;
}

export class StoreNotFoundError extends Error {
  constructor(readonly key: ObjectKey) {
    super(`${key.resource}.${key.group} ${key.namespace}/${key.name} not found`);
    this.name = 'StoreNotFoundError';
  }
}

export class StoreAlreadyExistsError extends Error {
  constructor(readonly key: ObjectKey) {
    super(`${key.resource}.${key.group} ${key.namespace}/${key.name} already exists`);
    this.name = 'StoreAlreadyExistsError';
  }
}

export class StoreConflictError extends Error {
  constructor(
    readonly key: ObjectKey,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`${key.resource}.${key.group} ${key.namespace}/${key.name}: expected resourceVersion ${expected}, found ${actual}`);
    this.name = 'StoreConflictError';
  }
}

/** The requested version has been compacted away; `oldest` is the oldest version still available. */
export class StoreExpiredError extends Error {
  constructor(
    readonly requested: string,
    readonly oldest: string,
  ) {
    super(`too old resource version: ${requested} (${oldest})`);
    this.name = 'StoreExpiredError';
  }
}

export function storageKey(resource: StorageResource): string {
  return `${resource.group}/${resource.resource}`;
}
