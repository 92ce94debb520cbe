import { randomUUID } from 'node:crypto';
import {
  deterministicId,
  newEnvelope,
  ResourceCreated,
  ResourceDeleted,
  ResourceUpdated,
  type EventRegistry,
  type KubeObjectJson,
  type ResourceDeletedData,
  type ResourceWrittenData,
  type SealedSecretData,
  type Subjects,
} from '@karmada-ts/contracts';
import { ConcurrencyConflictError, type EventStore } from '@karmada-ts/eventstore';
import {
  assertNever,
  matchesFieldSelector,
  matchesLabelSelector,
  methodNotSupported,
  parseApiVersion,
  StoreAlreadyExistsError,
  StoreConflictError,
  StoreExpiredError,
  StoreNotFoundError,
  withoutResourceVersion,
  type KubeObject,
  type ObjectKey,
  type RequestContext,
  type ResourceStore,
  type StorageResource,
  type StoreListOptions,
  type StoreListResult,
  type StoreWatchOptions,
  type StoreWriteOptions,
  type WatchSubscription,
} from '@karmada-ts/kube';
import type { Logger } from '@karmada-ts/operability';
import { secretValueId, type SecretContent, type SecretValueWriter } from '@karmada-ts/secrets';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { DataSource } from 'typeorm';
import { decideWrite, type WriteDecision } from './decide-write.js';
import { readApiObjects } from './api-objects-reader.js';
import { templateBase, type ObjectBase } from './object-bases.js';
import { groupResourceKey } from './object-subjects.js';
import { isSecretResource, splitSecretContent, withSecretContent } from './secret-data.js';
import { mergeParts, stripParts, type ObjectPart, type PartContent, type PartContents, type PartName } from './object-parts.js';
import type { ObjectShape } from './object-shape.js';
import { followStream } from './stream-follower.js';
import { coveringFilter } from './subject-filters.js';
import type { BaseHead } from './template-head.js';
import { startWatchFeed } from './watch-feed.js';

export interface EventSourcedResourceStoreOptions {
  readonly subjects: Subjects;
  readonly events: EventStore;
  /** Decodes what watches read from the stream. */
  readonly registry: EventRegistry;
  /** The gateway's projection database (api_objects) and the durable consumer whose checkpoint is the list version. */
  readonly database: DataSource;
  readonly projectionConsumer: string;
  readonly secrets: SecretValueWriter;
  /** The aggregate the objects of a resource are read from, and the parts merged into them. */
  readonly shapeOf: (resource: StorageResource) => ObjectShape;
  readonly logger: Logger;
  readonly clock?: () => Date;
  /** How far behind the stream head a watch may start (older: 410 Expired). Default 100,000 events. */
  readonly watchHistory?: number;
  /** How long a list waits for the projection to reach this process's last write. Default 3 s. */
  readonly listCatchUpMs?: number;
}

/** An object's aggregates as read from their stream heads. */
interface ObjectState {
  readonly base: ObjectBase;
  readonly head: BaseHead;
  readonly parts: readonly ObjectPart[];
  readonly contents: PartContents;
  /** The object as served (parts merged), without Secret values; undefined when it does not exist. */
  readonly view: KubeObject | undefined;
  /** The served resourceVersion: the newest sequence among the merged parts ('' when absent). */
  readonly resourceVersion: string;
}

/** Writes by the gateway itself (bootstrap, cascades) when no request context is given. */
const systemUser = 'system:api-gateway';

/**
 * The gateway's ResourceStore on the event log (ARCHITECTURE.md §2):
 * - objects are read from their base aggregate (templates; the controllers' bindings and Works, read-only);
 * - writes read the object's `template` subject head, decide (decideWrite), and append one fat event with the head's
 *   sequence as the expected one and a message id derived from the request; a racing writer is a StoreConflictError
 *   (→ 409 unless the API layer may retry). resourceVersion = the event's stream sequence;
 * - get reads the stream heads (read-your-writes); list reads the api_objects projection at its checkpoint, after
 *   waiting (bounded) until it has applied this process's last write; watch follows the stream from a sequence;
 * - objects are served merged with their other parts (templatestatus, clusterstatus, placement, …), at the newest sequence of all;
 * - Secret values are encrypted into `<instance>_secrets` before the event is appended; the event carries a
 *   reference and a keyed digest only.
 */
export class EventSourcedResourceStore implements ResourceStore {
  /** The newest sequence this process appended: lists wait for the projection to reach it. */
  private lastWriteSeq = 0;
  private seenCheckpoint = 0;
  private readonly clock: () => Date;
  private readonly watchHistory: number;
  private readonly listCatchUpMs: number;

  private constructor(
    private readonly options: EventSourcedResourceStoreOptions,
    private readonly jsm: JetStreamManager,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.watchHistory = options.watchHistory ?? 100_000;
    this.listCatchUpMs = options.listCatchUpMs ?? 3_000;
  }

  static async create(options: EventSourcedResourceStoreOptions): Promise<EventSourcedResourceStore> {
    return new EventSourcedResourceStore(options, await jetstreamManager(options.events.connection));
  }

  // ---------------------------------------------------------------- reads

  async get(key: ObjectKey): Promise<KubeObject | undefined> {
    const state = await this.readState(key);
    return state.view ? this.withValues(key, state.view, state.head.sealedData) : undefined;
  }

  async list(resource: StorageResource, options: StoreListOptions = {}): Promise<StoreListResult> {
    await this.catchUp();
    const { parts } = this.options.shapeOf(resource);
    const read = await readApiObjects(this.options.database, {
      consumer: this.options.projectionConsumer,
      resource: groupResourceKey(resource),
      withParts: parts.length > 0,
      labelParts: parts.filter((part) => part.addsLabels).map((part) => part.name),
      namespace: options.namespace,
      labelSelector: options.labelSelector ?? [],
      fieldSelector: options.fieldSelector ?? [],
    });
    this.seenCheckpoint = Math.max(this.seenCheckpoint, read.checkpoint);
    const sealed = read.rows.filter((r) => r.sealedData !== undefined);
    const values = await this.options.secrets.readMany(sealed.map((r) => ({ namespace: r.namespace, name: r.name, ref: r.sealedData!.ref })));
    const items: KubeObject[] = [];
    for (const row of read.rows) {
      const merged = mergeParts(row.object, parts, row.contents, row.seq);
      if (!merged.object) continue;
      const served = withResourceVersion(merged.object, Math.max(row.seq, merged.seq));
      const object = row.sealedData ? withSecretContent(served, values.get(secretValueId({ ...row, ref: row.sealedData.ref }))) : served;
      if (matchesOptions(object, options)) items.push(object);
    }
    return { items, resourceVersion: String(read.checkpoint) };
  }

  async currentResourceVersion(): Promise<string> {
    return String(await this.options.events.lastSequence());
  }

  async watch(resource: StorageResource, options: StoreWatchOptions = {}): Promise<WatchSubscription> {
    const { state } = await this.jsm.streams.info(this.options.events.stream);
    const requested = options.fromResourceVersion;
    const from = requested === undefined ? state.last_seq : Number(requested);
    const oldest = Math.max(state.first_seq - 1, state.last_seq - this.watchHistory, 0);
    if (!Number.isInteger(from) || from < oldest) throw new StoreExpiredError(String(requested), String(oldest + 1));
    const { subjects } = this.options;
    const namespace = options.namespace || undefined;
    const shape = this.options.shapeOf(resource);
    const baseFilter = shape.base.filter(subjects, resource, namespace);
    const parts = shape.parts.map((part) => ({ part, filter: part.filter(subjects, resource, namespace) }));
    // One consumer per watch; server 2.9 takes one filter, so it covers the base and the other parts.
    const follower = await followStream(jetstream(this.options.events.connection), {
      stream: this.options.events.stream,
      filterSubject: coveringFilter([baseFilter, ...parts.map((p) => p.filter)]),
      fromSeq: from + 1,
      registry: this.options.registry,
      onUndecodable: (seq, err) => this.options.logger.warn({ err, seq }, 'a watch skipped a message that is not an event'),
    });
    return startWatchFeed(follower, {
      resource,
      base: shape.base,
      baseFilter,
      parts,
      matches: (object) => matchesOptions(object, options),
      loadHead: async (key) => shape.base.head(await this.options.events.readLast(shape.base.subject(subjects, key))),
      loadPart: async (key, part) => {
        const last = await this.options.events.readLast(part.subject(subjects, key));
        return last ? part.read(last, last.seq)?.content : undefined;
      },
      withValues: (key, object, sealed) => this.withValues(key, object, sealed),
      logger: this.options.logger,
    });
  }

  // ---------------------------------------------------------------- writes

  async create(key: ObjectKey, object: KubeObject, options: Pick<StoreWriteOptions, 'context'> = {}): Promise<KubeObject> {
    // A conflict here means someone wrote the subject since we read it: decide again (it now exists, most likely).
    for (let attempt = 1; ; attempt++) {
      const state = await this.readState(key);
      try {
        return await this.write(key, state, decideWrite({ op: 'create' }, templateState(state)), object, options.context, undefined);
      } catch (error) {
        if (!(error instanceof StoreConflictError) || attempt >= 5) throw error;
      }
    }
  }

  async update(key: ObjectKey, object: KubeObject, options: StoreWriteOptions = {}): Promise<KubeObject> {
    const state = await this.readState(key);
    const decision = decideWrite({ op: 'update', expectedResourceVersion: options.expectedResourceVersion }, templateState(state));
    return this.write(key, state, decision, object, options.context, options.subresource);
  }

  async delete(key: ObjectKey, options: StoreWriteOptions = {}): Promise<KubeObject> {
    const state = await this.readState(key);
    const decision = decideWrite({ op: 'delete', expectedResourceVersion: options.expectedResourceVersion }, templateState(state));
    return this.write(key, state, decision, state.view, options.context, undefined);
  }

  // ---------------------------------------------------------------- internals

  private async readState(key: ObjectKey): Promise<ObjectState> {
    const { subjects, events } = this.options;
    const { base, parts } = this.options.shapeOf(key);
    const [last, ...partLasts] = await Promise.all([
      events.readLast(base.subject(subjects, key)),
      ...parts.map((part) => events.readLast(part.subject(subjects, key))),
    ]);
    const head = base.head(last);
    const contents = new Map<PartName, PartContent>();
    parts.forEach((part, i) => {
      const partLast = partLasts[i];
      const content = partLast ? part.read(partLast, partLast.seq)?.content : undefined;
      if (content) contents.set(part.name, content);
    });
    const merged = head.object ? mergeParts(head.object as KubeObject, parts, contents, head.seq) : undefined;
    if (!merged?.object) return { base, head, parts, contents, view: undefined, resourceVersion: '' };
    const resourceVersion = Math.max(head.seq, merged.seq);
    return { base, head, parts, contents, view: withResourceVersion(merged.object, resourceVersion), resourceVersion: String(resourceVersion) };
  }

  /** Appends the decided event (or refuses), and returns the object as it is now served. */
  private async write(
    key: ObjectKey,
    state: ObjectState,
    decision: WriteDecision,
    object: KubeObject | undefined,
    context: RequestContext | undefined,
    subresource: StoreWriteOptions['subresource'],
  ): Promise<KubeObject> {
    if (state.base !== templateBase) throw methodNotSupported(key, 'writing objects the controllers derive');
    if (!decision.ok) throw refusal(decision.reason, key, state);
    const request = context ?? { user: systemUser, requestId: randomUUID() };
    const subject = templateBase.subject(this.options.subjects, key);
    // Deterministic per request, object and expected position: a retried append is dropped as a duplicate.
    const id = deterministicId(request.requestId, subject, String(decision.expectedSeq));
    const written = decision.event === 'ResourceDeleted' ? undefined : await this.eventData(key, state, object!, id, subresource);
    const envelope = this.envelope(decision.event, written, state, key, { id, subject, request });
    let seq: number;
    try {
      seq = (await this.options.events.append(subject, envelope, { expectedSeq: decision.expectedSeq })).seq;
    } catch (error) {
      if (!(error instanceof ConcurrencyConflictError)) throw error;
      if (written?.sealedData) await this.forgetValues(key, written.sealedData.ref);
      throw new StoreConflictError(key, state.resourceVersion, String(error.actualSeq ?? 'newer'));
    }
    this.lastWriteSeq = Math.max(this.lastWriteSeq, seq);
    const superseded = state.head.sealedData?.ref;
    if (superseded && superseded !== written?.sealedData?.ref) await this.forgetValues(key, superseded);
    if (decision.event === 'ResourceDeleted') return this.withValues(key, withResourceVersion(state.view!, seq), undefined);
    return withResourceVersion(object!, seq);
  }

  /** The data of a create or update: the object without what its other parts contribute, Secret values sealed away. */
  private async eventData(key: ObjectKey, state: ObjectState, object: KubeObject, id: string, subresource: StoreWriteOptions['subresource']): Promise<ResourceWrittenData> {
    let stored = stripParts(withoutResourceVersion(object), state.parts, state.contents);
    let sealedData: SealedSecretData | undefined;
    if (isSecretResource(key)) {
      const split = splitSecretContent(stored);
      stored = split.object;
      if (split.content) sealedData = await this.sealValues(key, id, split.content);
    }
    return {
      resource: { group: key.group, version: parseApiVersion(object.apiVersion).version, resource: key.resource },
      object: stored as KubeObjectJson,
      ...(sealedData ? { sealedData } : {}),
      ...(subresource ? { subresource } : {}),
    };
  }

  private envelope(
    type: 'ResourceCreated' | 'ResourceUpdated' | 'ResourceDeleted',
    written: ResourceWrittenData | undefined,
    state: ObjectState,
    key: ObjectKey,
    ids: { id: string; subject: string; request: RequestContext },
  ) {
    const fields = {
      id: ids.id,
      subject: ids.subject,
      time: this.clock().toISOString(),
      actor: actorOf(ids.request.user),
      correlationId: ids.request.correlationId ?? ids.request.requestId,
      causationId: ids.request.requestId,
    };
    switch (type) {
      case 'ResourceCreated':
        return newEnvelope(ResourceCreated, { ...fields, data: written! });
      case 'ResourceUpdated':
        return newEnvelope(ResourceUpdated, { ...fields, data: written! });
      case 'ResourceDeleted': {
        const object = state.head.object!;
        const data: ResourceDeletedData = {
          resource: { group: key.group, version: parseApiVersion(object.apiVersion).version, resource: key.resource },
          object,
          ...(state.head.sealedData ? { sealedData: state.head.sealedData } : {}),
        };
        return newEnvelope(ResourceDeleted, { ...fields, data });
      }
      default:
        return assertNever(type, 'event type');
    }
  }

  private async sealValues(key: ObjectKey, ref: string, content: SecretContent): Promise<SealedSecretData> {
    const digest = await this.options.secrets.write({ namespace: key.namespace, name: key.name, ref }, content);
    const annotations = Object.keys(content.annotations ?? {}).sort();
    return { ref, digest, keys: Object.keys(content.data).sort(), ...(annotations.length > 0 ? { annotations } : {}) };
  }

  /** Removes a version of Secret values no event refers to any more (best effort: a leftover row is harmless). */
  private async forgetValues(key: ObjectKey, ref: string): Promise<void> {
    try {
      await this.options.secrets.delete({ namespace: key.namespace, name: key.name, ref });
    } catch (err) {
      this.options.logger.warn({ err, namespace: key.namespace, name: key.name }, 'could not remove superseded secret values');
    }
  }

  private async withValues(key: ObjectKey, object: KubeObject, sealed: SealedSecretData | undefined): Promise<KubeObject> {
    if (!sealed) return object;
    return withSecretContent(object, await this.options.secrets.read({ namespace: key.namespace, name: key.name, ref: sealed.ref }));
  }

  /** Waits (bounded) until the projection has applied this process's last write: lists then see it. */
  private async catchUp(): Promise<void> {
    const target = this.lastWriteSeq;
    if (this.seenCheckpoint >= target) return;
    const deadline = Date.now() + this.listCatchUpMs;
    for (let delayMs = 1; ; delayMs = Math.min(delayMs * 2, 8)) {
      const rows: { seq: string }[] = await this.options.database.query('SELECT seq FROM projection_checkpoints WHERE consumer = $1', [this.options.projectionConsumer]);
      this.seenCheckpoint = Math.max(this.seenCheckpoint, Number(rows[0]?.seq ?? 0));
      if (this.seenCheckpoint >= target) return;
      if (Date.now() >= deadline) {
        this.options.logger.warn({ checkpoint: this.seenCheckpoint, lastWrite: target }, 'list answered before the projection caught up');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

function templateState(state: ObjectState) {
  return { seq: state.head.seq, exists: state.view !== undefined, resourceVersion: state.resourceVersion };
}

function refusal(reason: 'AlreadyExists' | 'NotFound' | 'Conflict', key: ObjectKey, state: ObjectState): Error {
  switch (reason) {
    case 'AlreadyExists':
      return new StoreAlreadyExistsError(key);
    case 'NotFound':
      return new StoreNotFoundError(key);
    case 'Conflict':
      return new StoreConflictError(key, '', state.resourceVersion);
    default:
      return assertNever(reason, 'refusal');
  }
}

/** The audit actor: `user:<name>` for people, system identities as they are. */
export function actorOf(user: string): string {
  return user.startsWith('system:') ? user : `user:${user}`;
}

function withResourceVersion(object: KubeObject, seq: number): KubeObject {
  return { ...object, metadata: { ...object.metadata, resourceVersion: String(seq) } };
}

function matchesOptions(object: KubeObject, options: StoreListOptions): boolean {
  if (options.namespace !== undefined && (object.metadata.namespace ?? '') !== options.namespace) return false;
  if (options.labelSelector && !matchesLabelSelector(options.labelSelector, object.metadata.labels)) return false;
  if (options.fieldSelector && !matchesFieldSelector(options.fieldSelector, object)) return false;
  return true;
}
