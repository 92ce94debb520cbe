import { randomUUID } from 'node:crypto';
import { pruneBySchema } from '../crd/structural-schema.js';
import { apiVersionOf, groupResourceOf, type ResourceDefinition, type Verb } from '../discovery/resource-definition.js';
import type { ResourceRegistry } from '../discovery/resource-registry.js';
import { decodeJsonPatch, JsonPatchError } from '../patch/json-patch.js';
import { serverSideApply } from '../patch/server-side-apply.js';
import { FieldSelectorParseError, parseFieldSelector, unsupportedField, type FieldSelector } from '../selectors/field-selector.js';
import { LabelSelectorParseError, parseLabelSelector, type LabelSelector } from '../selectors/label-selector.js';
import {
  StoreAlreadyExistsError,
  StoreConflictError,
  StoreExpiredError,
  StoreNotFoundError,
  type ObjectKey,
  type ResourceStore,
  type StoreWatchEvent,
  type WatchSubscription,
} from '../storage/resource-store.js';
import { WatchChannel } from '../storage/watch-channel.js';
import { deepEqual, isJsonObject } from '../util/json.js';
import { formatTimestamp } from '../util/time.js';
import { validateObjectMeta } from '../validation/object-meta.js';
import { nextGeneration } from './generation.js';
import { decodeContinue, encodeContinue, type ListPage } from './list-pages.js';
import type { CommittedChange, HookContext, ResourceHooks } from './hooks.js';
import type { KubeObject } from './object.js';
import { patchDocument } from './patch-document.js';
import { carryServerFields, decodeObject, prepareForCreate, withoutResourceVersion, withStatusOf } from './object-preparation.js';
import type { DeleteOptions, PatchType, RequestContext, RequestOptions, Subresource } from './request-options.js';
import { applyScale, toScale } from './scale.js';
import {
  alreadyExists,
  badRequest,
  conflict,
  forbidden,
  invalid,
  isKubeStatusError,
  methodNotSupported,
  notFound,
  resourceExpired,
  successStatus,
  unsupportedMediaType,
  type Status,
} from './status.js';

export interface ResourceServiceOptions {
  registry: ResourceRegistry;
  store: ResourceStore;
  clock?: () => Date;
  uid?: () => string;
  random?: () => number;
  /**
   * Whether a garbage collector runs: then Foreground/Orphan deletes add the `foregroundDeletion`/`orphan`
   * finalizers for it to remove; without one they behave as Background.
   */
  garbageCollector?: boolean;
}

export interface ListSelectors {
  labelSelector?: string;
  fieldSelector?: string;
}

export interface KubeList {
  apiVersion: string;
  kind: string;
  /** `continue` when more items follow this page. */
  metadata: { resourceVersion: string; continue?: string };
  items: KubeObject[];
}

export interface WatchRequest extends ListSelectors {
  resourceVersion?: string;
}

export interface ApiWatchEvent {
  type: StoreWatchEvent['type'];
  object: KubeObject;
}

export type DeleteResult = { kind: 'deleted'; status: Status; object: KubeObject } | { kind: 'pending'; object: KubeObject };

export interface PatchResult {
  object: KubeObject;
  created: boolean;
}

const patchMediaTypes = ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'];
const conflictRetries = 8;

/**
 * The Kubernetes API semantics over a ResourceStore, independent of HTTP: validation, defaulting and admission
 * hooks, generateName, uid/creationTimestamp/generation, optimistic concurrency, the patch kinds, server-side apply,
 * status and scale subresources, finalizers and deletion, dry runs, watches. Throws KubeStatusError.
 */
export class ResourceService {
  readonly registry: ResourceRegistry;
  readonly store: ResourceStore;
  private readonly clock: () => Date;
  private readonly uid: () => string;
  private readonly random: () => number;
  private readonly garbageCollector: boolean;
  private readonly hooks = new Map<string, ResourceHooks[]>();

  constructor(options: ResourceServiceOptions) {
    this.registry = options.registry;
    this.store = options.store;
    this.clock = options.clock ?? (() => new Date());
    this.uid = options.uid ?? randomUUID;
    this.random = options.random ?? Math.random;
    this.garbageCollector = options.garbageCollector ?? false;
  }

  /** Adds hooks for one storage resource (`apps/deployments`, `/pods`) or for every resource (`*`). */
  addHooks(resource: { group: string; resource: string } | '*', hooks: ResourceHooks): void {
    const key = resource === '*' ? '*' : `${resource.group}/${resource.resource}`;
    this.hooks.set(key, [...(this.hooks.get(key) ?? []), hooks]);
  }

  resolve(group: string, version: string, plural: string): ResourceDefinition | undefined {
    return this.registry.get(group, version, plural);
  }

  now(): Date {
    return this.clock();
  }

  // ---------------------------------------------------------------- reads

  async get(def: ResourceDefinition, namespace: string, name: string, subresource?: Subresource): Promise<KubeObject> {
    this.requireVerb(def, 'get');
    const object = await this.load(def, namespace, name);
    if (subresource === 'scale') return toScale(this.scaleOf(def), object);
    return this.present(def, object);
  }

  /** A list, or one page of it when `page` has a limit (and the store pages: a store may return every item). */
  async list(def: ResourceDefinition, namespace: string | undefined, selectors: ListSelectors = {}, page: ListPage = {}): Promise<KubeList> {
    this.requireVerb(def, 'list');
    const { labelSelector, fieldSelector } = this.parseSelectors(def, selectors);
    const continued = page.continue ? decodeContinue(page.continue) : undefined;
    const result = await this.store.list(def.storage, {
      namespace: def.namespaced ? namespace : undefined,
      labelSelector,
      fieldSelector,
      ...(page.limit ? { limit: page.limit } : {}),
      ...(continued ? { after: continued.after } : {}),
    });
    const resourceVersion = continued?.resourceVersion ?? result.resourceVersion;
    const last = result.items.at(-1);
    const next = result.more && last ? encodeContinue({ resourceVersion, after: { namespace: last.metadata.namespace ?? '', name: last.metadata.name ?? '' } }) : undefined;
    return {
      apiVersion: apiVersionOf(def),
      kind: def.listKind,
      metadata: { resourceVersion, ...(next ? { continue: next } : {}) },
      items: result.items.map((o) => this.present(def, o)),
    };
  }

  /**
   * A watch: without a resourceVersion (or "0") it starts with ADDED events for the current objects; with one it
   * replays every change after it. A version older than the retained history is a 410 Expired error.
   */
  async watch(def: ResourceDefinition, namespace: string | undefined, request: WatchRequest = {}): Promise<WatchSubscription & AsyncIterable<ApiWatchEvent>> {
    this.requireVerb(def, 'watch');
    const { labelSelector, fieldSelector } = this.parseSelectors(def, request);
    const ns = def.namespaced ? namespace : undefined;
    const initial: KubeObject[] = [];
    let from = request.resourceVersion;
    if (from === undefined || from === '' || from === '0') {
      const listed = await this.store.list(def.storage, { namespace: ns, labelSelector, fieldSelector });
      initial.push(...listed.items);
      from = listed.resourceVersion;
    }
    let source: WatchSubscription;
    try {
      source = await this.store.watch(def.storage, { namespace: ns, labelSelector, fieldSelector, fromResourceVersion: from });
    } catch (error) {
      if (error instanceof StoreExpiredError) throw resourceExpired(error.message);
      throw error;
    }
    const channel = new WatchChannel<ApiWatchEvent>(() => source.close());
    for (const object of initial) channel.push({ type: 'ADDED', object: this.present(def, object) });
    void (async () => {
      try {
        for await (const event of source) channel.push({ type: event.type, object: this.present(def, event.object) });
      } finally {
        channel.close();
      }
    })().catch((error: unknown) => console.error('kube watch:', error));
    return channel;
  }

  // ---------------------------------------------------------------- writes

  async create(def: ResourceDefinition, namespace: string, body: unknown, options: RequestOptions = {}): Promise<KubeObject> {
    this.requireVerb(def, 'create');
    const decoded = decodeObject(def, body, namespace, this.servedVersions(def));
    const prepared = prepareForCreate(def, decoded, { random: this.random, preserveStatus: options.preserveStatus === true, keepManagedFields: false });
    return this.commitCreate(def, namespace, prepared, options);
  }

  async update(def: ResourceDefinition, namespace: string, name: string, body: unknown, options: RequestOptions & { subresource?: Subresource } = {}): Promise<KubeObject> {
    this.requireVerb(def, 'update');
    if (options.subresource === 'scale') return this.updateScale(def, namespace, name, body, options);
    const decoded = decodeObject(def, body, namespace, this.servedVersions(def));
    if (decoded.metadata.name !== undefined && decoded.metadata.name !== name)
      throw badRequest(`the name of the object (${decoded.metadata.name}) does not match the name on the URL (${name})`);
    const precondition = decoded.metadata.resourceVersion || undefined;
    return this.retryOnConflict(def, name, precondition, async () => {
      const old = await this.store.get(this.key(def, namespace, name));
      if (!old) {
        if (def.allowCreateOnUpdate && !options.subresource) {
          const prepared = prepareForCreate(def, { ...decoded, metadata: { ...decoded.metadata, name } }, { random: this.random, preserveStatus: false, keepManagedFields: false });
          return this.commitCreate(def, namespace, prepared, options);
        }
        throw notFound(groupResourceOf(def), name);
      }
      if (precondition !== undefined && precondition !== old.metadata.resourceVersion) throw conflict(groupResourceOf(def), name);
      const candidate =
        options.subresource === 'status'
          ? withStatusOf(old, decoded)
          : carryServerFields(def, { ...decoded, metadata: { ...decoded.metadata, name } }, old, { preserveStatus: options.preserveStatus === true });
      return this.commitUpdate(def, namespace, old, candidate, options, options.subresource);
    });
  }

  async patch(
    def: ResourceDefinition,
    namespace: string,
    name: string,
    type: PatchType,
    patch: unknown,
    options: RequestOptions & { subresource?: Subresource; force?: boolean } = {},
  ): Promise<PatchResult> {
    this.requireVerb(def, 'patch');
    if (type === 'strategic' && !def.strategicMerge) throw unsupportedMediaType(patchMediaTypes);
    if (type === 'apply' && !options.fieldManager) throw badRequest('PATCH requests with apply content type must have a fieldManager');
    const operations = type === 'json' ? this.decodeJsonPatch(patch) : undefined;
    if (type !== 'json' && !isJsonObject(patch)) throw badRequest('the body of the request was not a JSON or YAML object');
    let created = false;
    const object = await this.retryOnConflict(def, name, undefined, async () => {
      const old = await this.store.get(this.key(def, namespace, name));
      if (!old) {
        if (type !== 'apply' || options.subresource) throw notFound(groupResourceOf(def), name);
        created = true;
        return this.applyCreate(def, namespace, name, patch, options);
      }
      const current = this.present(def, old);
      if (options.subresource === 'scale') {
        const patchedScale = patchDocument({ def, current: toScale(this.scaleOf(def), current), type, patch, operations, options, time: formatTimestamp(this.clock()), servedVersions: this.servedVersions(def) });
        const rv = isJsonObject(patchedScale) && isJsonObject(patchedScale['metadata']) ? patchedScale['metadata']['resourceVersion'] : undefined;
        if (rv !== undefined && rv !== old.metadata.resourceVersion) throw conflict(groupResourceOf(def), name);
        const stored = await this.commitUpdate(def, namespace, old, applyScale(def, old, patchedScale).object, options, 'scale');
        return toScale(this.scaleOf(def), stored);
      }
      const patched = patchDocument({ def, current, type, patch, operations, options, time: formatTimestamp(this.clock()), servedVersions: this.servedVersions(def) });
      if (!isJsonObject(patched) || !isJsonObject(patched['metadata'])) throw badRequest('the patched object is not a Kubernetes object');
      const next = patched as KubeObject;
      if (next.metadata.resourceVersion !== undefined && next.metadata.resourceVersion !== old.metadata.resourceVersion) throw conflict(groupResourceOf(def), name);
      const candidate =
        options.subresource === 'status'
          ? withStatusOf(old, next)
          : carryServerFields(def, { ...next, apiVersion: apiVersionOf(def), kind: def.kind, metadata: { ...next.metadata, name } }, old, { preserveStatus: options.preserveStatus === true });
      if (type === 'apply' && next.metadata.managedFields !== undefined) candidate.metadata.managedFields = next.metadata.managedFields;
      return this.commitUpdate(def, namespace, old, candidate, options, options.subresource);
    });
    return { object, created };
  }

  async delete(def: ResourceDefinition, namespace: string, name: string, deleteOptions: DeleteOptions = {}, options: RequestOptions = {}): Promise<DeleteResult> {
    this.requireVerb(def, 'delete');
    const dryRun = options.dryRun === true || (deleteOptions.dryRun ?? []).includes('All');
    return this.retryOnConflict(def, name, deleteOptions.preconditions?.resourceVersion, async () => {
      const key = this.key(def, namespace, name);
      const old = await this.store.get(key);
      if (!old) throw notFound(groupResourceOf(def), name);
      const pre = deleteOptions.preconditions;
      if (pre?.uid !== undefined && pre.uid !== old.metadata.uid)
        throw conflict(groupResourceOf(def), name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid ?? ''}`);
      if (pre?.resourceVersion !== undefined && pre.resourceVersion !== old.metadata.resourceVersion)
        throw conflict(
          groupResourceOf(def),
          name,
          `the ResourceVersion in the precondition (${pre.resourceVersion}) does not match the ResourceVersion in record (${old.metadata.resourceVersion ?? ''}). The object might have been modified`,
        );
      const ctx = this.context('DELETE', def, namespace, undefined, dryRun, options.context);
      for (const hooks of this.hooksFor(def)) await hooks.admitDelete?.(old, ctx);
      const finalizers = [...(old.metadata.finalizers ?? [])];
      const policy = deleteOptions.propagationPolicy ?? (deleteOptions.orphanDependents === true ? 'Orphan' : 'Background');
      if (this.garbageCollector && !old.metadata.deletionTimestamp) {
        const added = policy === 'Foreground' ? 'foregroundDeletion' : policy === 'Orphan' ? 'orphan' : undefined;
        if (added && !finalizers.includes(added)) finalizers.push(added);
      }
      if (old.metadata.deletionTimestamp && finalizers.length > 0) return { kind: 'pending', object: this.present(def, old) };
      if (finalizers.length > 0) {
        const metadata = { ...old.metadata, finalizers, deletionTimestamp: formatTimestamp(ctx.now), deletionGracePeriodSeconds: 0 };
        if (old.metadata.generation !== undefined) metadata.generation = old.metadata.generation + 1;
        const marked: KubeObject = { ...old, metadata };
        if (dryRun) return { kind: 'pending', object: this.present(def, marked) };
        const stored = await this.store.update(key, marked, { expectedResourceVersion: old.metadata.resourceVersion, context: options.context });
        await this.afterCommit(def, { type: 'MODIFIED', object: stored, old }, ctx);
        return { kind: 'pending', object: this.present(def, stored) };
      }
      const status = successStatus({ name, group: def.group, kind: def.plural, uid: old.metadata.uid });
      if (dryRun) return { kind: 'deleted', status, object: this.present(def, old) };
      const deleted = await this.store.delete(key, { expectedResourceVersion: old.metadata.resourceVersion, context: options.context });
      await this.afterCommit(def, { type: 'DELETED', object: deleted, old }, ctx);
      return { kind: 'deleted', status, object: this.present(def, deleted) };
    });
  }

  /** DELETE on a collection: deletes every selected object and returns them as a list. */
  async deleteCollection(def: ResourceDefinition, namespace: string | undefined, selectors: ListSelectors, deleteOptions: DeleteOptions = {}, options: RequestOptions = {}): Promise<KubeList> {
    this.requireVerb(def, 'deletecollection');
    const listed = await this.list(def, namespace, selectors);
    const items: KubeObject[] = [];
    for (const object of listed.items) {
      try {
        const result = await this.delete(def, object.metadata.namespace ?? '', object.metadata.name ?? '', deleteOptions, options);
        items.push(result.object);
      } catch (error) {
        if (!(isKubeStatusError(error) && error.code === 404)) throw error;
      }
    }
    return { ...listed, items };
  }

  // ---------------------------------------------------------------- internals

  private async applyCreate(def: ResourceDefinition, namespace: string, name: string, patch: unknown, options: RequestOptions & { force?: boolean }): Promise<KubeObject> {
    const config = decodeObject(def, patch, namespace, this.servedVersions(def));
    if (config.metadata.name !== undefined && config.metadata.name !== name)
      throw badRequest(`the name of the object (${config.metadata.name}) does not match the name on the URL (${name})`);
    const named: KubeObject = { ...config, metadata: { ...config.metadata, name } };
    const applied = serverSideApply({
      live: undefined,
      config: named,
      manager: options.fieldManager!,
      force: options.force === true,
      listTypes: def.listTypes,
      scope: 'main',
      apiVersion: apiVersionOf(def),
      time: formatTimestamp(this.clock()),
    });
    const prepared = prepareForCreate(def, { ...applied, metadata: { ...applied.metadata, name } }, { random: this.random, preserveStatus: false, keepManagedFields: true });
    return this.commitCreate(def, namespace, prepared, options);
  }

  private decodeJsonPatch(patch: unknown): ReturnType<typeof decodeJsonPatch> {
    try {
      return decodeJsonPatch(patch);
    } catch (error) {
      if (error instanceof JsonPatchError) throw badRequest(error.message);
      throw error;
    }
  }

  private async updateScale(def: ResourceDefinition, namespace: string, name: string, body: unknown, options: RequestOptions): Promise<KubeObject> {
    const scale = this.scaleOf(def);
    const rv = isJsonObject(body) && isJsonObject(body['metadata']) ? body['metadata']['resourceVersion'] : undefined;
    const precondition = typeof rv === 'string' && rv !== '' ? rv : undefined;
    return this.retryOnConflict(def, name, precondition, async () => {
      const old = await this.load(def, namespace, name);
      if (precondition !== undefined && precondition !== old.metadata.resourceVersion) throw conflict(groupResourceOf(def), name);
      const stored = await this.commitUpdate(def, namespace, old, applyScale(def, old, body).object, options, 'scale');
      return toScale(scale, stored);
    });
  }

  private async commitCreate(def: ResourceDefinition, namespace: string, prepared: KubeObject, options: RequestOptions): Promise<KubeObject> {
    const ctx = this.context('CREATE', def, namespace, undefined, options.dryRun === true, options.context);
    let object = await this.admit(def, prepared, undefined, ctx, options);
    if (def.namespaced) await this.requireNamespace(def, namespace, object.metadata.name ?? '');
    const metadata = { ...object.metadata, uid: this.uid(), creationTimestamp: formatTimestamp(ctx.now) };
    if (def.generation !== 'none') metadata.generation = 1;
    else delete metadata.generation;
    object = { ...object, metadata };
    if (ctx.dryRun) return this.present(def, object);
    let stored: KubeObject;
    try {
      stored = await this.store.create(this.key(def, namespace, object.metadata.name!), object, { context: options.context });
    } catch (error) {
      if (error instanceof StoreAlreadyExistsError) throw alreadyExists(groupResourceOf(def), object.metadata.name!);
      throw error;
    }
    await this.afterCommit(def, { type: 'ADDED', object: stored, old: undefined }, ctx);
    return this.present(def, stored);
  }

  private async commitUpdate(def: ResourceDefinition, namespace: string, old: KubeObject, candidate: KubeObject, options: RequestOptions, subresource: Subresource | undefined): Promise<KubeObject> {
    const ctx = this.context('UPDATE', def, namespace, subresource, options.dryRun === true, options.context);
    let object = subresource === 'status' ? candidate : await this.admit(def, candidate, old, ctx, options);
    if (subresource === 'status') {
      for (const hooks of this.hooksFor(def)) if (hooks.admit) object = await hooks.admit(object, old, ctx);
    }
    if (old.metadata.deletionTimestamp) {
      const added = (object.metadata.finalizers ?? []).filter((f) => !(old.metadata.finalizers ?? []).includes(f));
      if (added.length > 0)
        throw invalid({ group: def.group, kind: def.kind }, old.metadata.name ?? '', [
          { type: 'FieldValueForbidden', field: 'metadata.finalizers', body: `Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}` },
        ]);
    }
    const generation = subresource === 'status' ? old.metadata.generation : nextGeneration(def.generation, old, object, def.subresources.status);
    const metadata = { ...object.metadata };
    if (generation === undefined) delete metadata.generation;
    else metadata.generation = generation;
    object = { ...object, metadata };
    if (deepEqual(withoutResourceVersion(object), withoutResourceVersion(old))) return this.present(def, old);
    if (ctx.dryRun) return this.present(def, object);
    const key = this.key(def, namespace, old.metadata.name!);
    const writeOptions = { expectedResourceVersion: old.metadata.resourceVersion, context: options.context, ...(subresource ? { subresource } : {}) };
    let stored: KubeObject;
    try {
      stored = await this.store.update(key, object, writeOptions);
    } catch (error) {
      if (error instanceof StoreNotFoundError) throw notFound(groupResourceOf(def), old.metadata.name!);
      throw error;
    }
    await this.afterCommit(def, { type: 'MODIFIED', object: stored, old }, ctx);
    if (stored.metadata.deletionTimestamp && (stored.metadata.finalizers ?? []).length === 0) {
      const deleted = await this.store.delete(key, { expectedResourceVersion: stored.metadata.resourceVersion, context: options.context });
      await this.afterCommit(def, { type: 'DELETED', object: deleted, old: stored }, ctx);
      return this.present(def, deleted);
    }
    return this.present(def, stored);
  }

  /** default → schema pruning → validation (422) → admission. */
  private async admit(def: ResourceDefinition, input: KubeObject, old: KubeObject | undefined, ctx: HookContext, options: RequestOptions): Promise<KubeObject> {
    const hooks = this.hooksFor(def);
    let object = input;
    for (const h of hooks) if (h.default) object = h.default(object, old, ctx);
    if (def.schema !== undefined) object = this.pruneUnknownFields(def, object, options);
    const errors = validateObjectMeta(object, def.nameRule);
    for (const h of hooks) if (h.validate) errors.push(...h.validate(object, old, ctx));
    if (errors.length > 0) throw invalid({ group: def.group, kind: def.kind }, object.metadata.name ?? '', errors);
    for (const h of hooks) if (h.admit) object = await h.admit(object, old, ctx);
    return object;
  }

  private pruneUnknownFields(def: ResourceDefinition, object: KubeObject, options: RequestOptions): KubeObject {
    const { value, unknownFields } = pruneBySchema(object, def.schema);
    if (unknownFields.length > 0) {
      const described = unknownFields.map((f) => `unknown field "${f}"`);
      if (options.fieldValidation === 'Strict') throw badRequest(`strict decoding error: ${described.join(', ')}`);
      if (options.fieldValidation === 'Warn') options.warnings?.push(...described);
    }
    return value as KubeObject;
  }

  private async afterCommit(def: ResourceDefinition, change: CommittedChange, ctx: HookContext): Promise<void> {
    for (const hooks of this.hooksFor(def)) await hooks.afterCommit?.(change, ctx);
  }

  private async requireNamespace(def: ResourceDefinition, namespace: string, name: string): Promise<void> {
    const ns = await this.store.get({ group: '', resource: 'namespaces', namespace: '', name: namespace });
    if (!ns) throw notFound({ group: '', resource: 'namespaces' }, namespace);
    if (ns.metadata.deletionTimestamp)
      throw forbidden(groupResourceOf(def), name, `unable to create new content in namespace ${namespace} because it is being terminated`);
  }

  private async load(def: ResourceDefinition, namespace: string, name: string): Promise<KubeObject> {
    const object = await this.store.get(this.key(def, namespace, name));
    if (!object) throw notFound(groupResourceOf(def), name);
    return object;
  }

  /** Retries a read-modify-write after a storage conflict, unless the client asked for a specific version. */
  private async retryOnConflict<T>(def: ResourceDefinition, name: string, precondition: string | undefined, attempt: () => Promise<T>): Promise<T> {
    for (let i = 0; ; i++) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof StoreConflictError)) throw error;
        if (precondition !== undefined || i >= conflictRetries) throw conflict(groupResourceOf(def), name);
      }
    }
  }

  private parseSelectors(def: ResourceDefinition, selectors: ListSelectors): { labelSelector?: LabelSelector; fieldSelector?: FieldSelector } {
    try {
      const labelSelector = selectors.labelSelector ? parseLabelSelector(selectors.labelSelector) : undefined;
      const fieldSelector = selectors.fieldSelector ? parseFieldSelector(selectors.fieldSelector) : undefined;
      if (fieldSelector) {
        const unsupported = unsupportedField(fieldSelector, def.selectableFields);
        if (unsupported) throw badRequest(`field label not supported: ${unsupported}`);
      }
      return { ...(labelSelector ? { labelSelector } : {}), ...(fieldSelector ? { fieldSelector } : {}) };
    } catch (error) {
      if (error instanceof LabelSelectorParseError || error instanceof FieldSelectorParseError) throw badRequest(error.message);
      throw error;
    }
  }

  private requireVerb(def: ResourceDefinition, verb: Verb): void {
    if (!def.verbs.includes(verb)) throw methodNotSupported(groupResourceOf(def), verb);
  }

  private scaleOf(def: ResourceDefinition): NonNullable<ResourceDefinition['subresources']['scale']> {
    if (!def.subresources.scale) throw notFound(groupResourceOf(def), 'scale');
    return def.subresources.scale;
  }

  private servedVersions(def: ResourceDefinition): string[] {
    return def.source === 'crd' ? this.registry.versionsOf(def.group, def.plural).map((d) => d.version) : [def.version];
  }

  private hooksFor(def: ResourceDefinition): ResourceHooks[] {
    const specific = this.hooks.get(`${def.storage.group}/${def.storage.resource}`);
    const all = this.hooks.get('*');
    if (!specific) return all ?? [];
    return all ? [...all, ...specific] : specific;
  }

  private context(
    operation: HookContext['operation'],
    def: ResourceDefinition,
    namespace: string,
    subresource: Subresource | undefined,
    dryRun: boolean,
    request: RequestContext | undefined,
  ): HookContext {
    return { operation, def, namespace, subresource, dryRun, now: this.clock(), request };
  }

  private key(def: ResourceDefinition, namespace: string, name: string): ObjectKey {
    return { group: def.storage.group, resource: def.storage.resource, namespace: def.namespaced ? namespace : '', name };
  }

  /** The object as the requested version shows it (custom resources may be stored under another served version). */
  private present(def: ResourceDefinition, object: KubeObject): KubeObject {
    const apiVersion = apiVersionOf(def);
    return object.apiVersion === apiVersion ? object : { ...object, apiVersion };
  }
}
