import type { ResourceDefinition } from '../discovery/resource-definition.js';
import type { WatchEventType } from '../storage/resource-store.js';
import type { FieldError } from '../validation/field-error.js';
import type { KubeObject } from './object.js';
import type { RequestContext, Subresource } from './request-options.js';

/** What a hook knows about the request it runs in. */
export interface HookContext {
  operation: 'CREATE' | 'UPDATE' | 'DELETE';
  def: ResourceDefinition;
  namespace: string;
  subresource: Subresource | undefined;
  dryRun: boolean;
  now: Date;
  /** Who makes the request, when the server knows (hooks that write pass it on to the store). */
  request: RequestContext | undefined;
}

/**
 * Per-resource extension points, run in this order on every write: `default` → `validate` (field errors → 422) →
 * `admit` (may reject with a KubeStatusError or return a changed object) → store → `afterCommit`.
 * Karmada's validation plugs in here later.
 */
export interface ResourceHooks {
  default?(object: KubeObject, old: KubeObject | undefined, ctx: HookContext): KubeObject;
  validate?(object: KubeObject, old: KubeObject | undefined, ctx: HookContext): FieldError[];
  admit?(object: KubeObject, old: KubeObject | undefined, ctx: HookContext): KubeObject | Promise<KubeObject>;
  /** Before a delete (or the marking of a deletion); throw a KubeStatusError to refuse. */
  admitDelete?(object: KubeObject, ctx: HookContext): void | Promise<void>;
  /** After a committed write (never for dry runs). */
  afterCommit?(change: CommittedChange, ctx: HookContext): void | Promise<void>;
}

export interface CommittedChange {
  type: WatchEventType;
  object: KubeObject;
  old: KubeObject | undefined;
}
