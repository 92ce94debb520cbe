import type { SealedSecretData } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import { WatchChannel, type KubeObject, type ObjectKey, type StorageResource, type StoreWatchEvent, type WatchSubscription } from '@karmada-ts/kube';
import type { Logger } from '@karmada-ts/operability';
import { BoundedMap } from '@karmada-ts/service-runtime';
import { mergeParts, type ObjectPart, type PartContent, type PartName } from './object-parts.js';
import type { StreamFollower } from './stream-follower.js';
import { subjectMatches } from './subject-filters.js';
import { isOfResource, type BaseEvent, type ObjectBase } from './object-bases.js';
import type { BaseHead } from './template-head.js';

export interface WatchFeedSpec {
  /** The watched kind (base and part subjects may carry others). */
  readonly resource: StorageResource;
  /** The aggregate its objects are read from, and its subjects for the watched kind (and namespace). */
  readonly base: ObjectBase;
  readonly baseFilter: string;
  /** The kind's other parts and their subjects. */
  readonly parts: readonly { readonly part: ObjectPart; readonly filter: string }[];
  /** The watch's namespace and selectors, applied to the served object. */
  matches(object: KubeObject): boolean;
  /** The current base of an object (for a part's event about an object this watch has not seen yet). */
  loadHead(key: ObjectKey): Promise<BaseHead>;
  /** The current content of a part of an object (for an object this watch has not seen yet). */
  loadPart(key: ObjectKey, part: ObjectPart): Promise<PartContent | undefined>;
  withValues(key: ObjectKey, object: KubeObject, sealed: SealedSecretData | undefined): Promise<KubeObject>;
  readonly logger: Logger;
}

/** Objects whose parts a watch remembers; beyond this it reads them again from the stream heads. */
const rememberedObjects = 10_000;

/**
 * Turns the events of a stream follower into watch events: base events become ADDED / MODIFIED / DELETED of the
 * served object (merged with its parts), a part's events MODIFIED of the object they describe, or DELETED when the
 * part ends the object (its cleanup finished). Each watch event carries the sequence of the event that caused it as
 * its resourceVersion, so a client resuming from it misses nothing. The parts of objects seen are remembered; a part
 * of an object not seen yet is read from its stream head (it may be newer than the event: the served object is then
 * slightly ahead, never behind). The controllers' aggregates do not say whether an event created their object: the
 * first event of an object this watch sees is ADDED, later ones MODIFIED.
 */
export function startWatchFeed(follower: StreamFollower, spec: WatchFeedSpec): WatchSubscription {
  let closed = false;
  const stop = () => {
    if (closed) return;
    closed = true;
    follower.close().catch((err: unknown) => spec.logger.warn({ err }, 'closing a watch consumer failed'));
  };
  const channel = new WatchChannel<StoreWatchEvent>(stop);
  const heads = new BoundedMap<BaseHead>(rememberedObjects);
  const contents = new BoundedMap<Map<PartName, PartContent | undefined>>(rememberedObjects);
  const parts = spec.parts.map((p) => p.part);

  const contentsOf = async (id: string, key: ObjectKey): Promise<Map<PartName, PartContent>> => {
    let known = contents.get(id);
    if (!known) contents.set(id, (known = new Map()));
    const out = new Map<PartName, PartContent>();
    for (const part of parts) {
      if (!known.has(part.name)) known.set(part.name, await spec.loadPart(key, part));
      const content = known.get(part.name);
      if (content) out.set(part.name, content);
    }
    return out;
  };

  /** The object as served at `seq`, or undefined when a part ended it. */
  const serve = async (key: ObjectKey, head: BaseHead, object: KubeObject, id: string, seq: number): Promise<KubeObject | undefined> => {
    const merged = mergeParts(object, parts, await contentsOf(id, key), head.seq).object;
    if (!merged) return undefined;
    return spec.withValues(key, { ...merged, metadata: { ...merged.metadata, resourceVersion: String(seq) } }, head.sealedData);
  };

  const forget = (id: string) => {
    heads.delete(id);
    contents.delete(id);
  };

  const onBase = async (read: BaseEvent, seq: number): Promise<StoreWatchEvent | undefined> => {
    const { key, head } = read;
    const id = idOf(key);
    const seen = heads.get(id);
    if (!head.object) {
      const deleted = read.deleted ?? seen?.object;
      if (!deleted) return undefined;
      const last = await serve(key, read.deleted ? head : seen!, deleted as KubeObject, id, seq);
      forget(id);
      return last && { type: 'DELETED', object: last };
    }
    heads.set(id, head);
    // Every event about an object comes after the event that created it: this watch will see its parts' events.
    if (read.created) contents.set(id, new Map(parts.map((part) => [part.name, undefined])));
    const object = await serve(key, head, head.object as KubeObject, id, seq);
    if (!object) return undefined;
    const added = read.created ?? !seen?.object;
    return { type: added ? 'ADDED' : 'MODIFIED', object };
  };

  const onPart = async (event: StoredEvent, part: ObjectPart): Promise<StoreWatchEvent | undefined> => {
    const read = part.read(event, event.seq);
    if (!read || !isOfResource(read.key, spec.resource)) return undefined;
    const id = idOf(read.key);
    let head = heads.get(id);
    if (!head) {
      head = await spec.loadHead(read.key);
      if (head.object) heads.set(id, head);
    }
    if (!head.object) return undefined;
    const object = head.object as KubeObject;
    const before = await serve(read.key, head, object, id, event.seq);
    contents.get(id)!.set(part.name, read.content);
    // Content about another object of that name changes nothing this watch shows.
    const single = new Map([[part.name, read.content]]);
    const effect = mergeParts(object, [part], single, head.seq);
    if (effect.object && effect.seq === 0) return undefined;
    if (!effect.object) {
      forget(id);
      return before && { type: 'DELETED', object: before };
    }
    const after = await serve(read.key, head, object, id, event.seq);
    return after && { type: 'MODIFIED', object: after };
  };

  void (async () => {
    try {
      for await (const event of follower) {
        if (closed) break;
        let change: StoreWatchEvent | undefined;
        if (subjectMatches(spec.baseFilter, event.subject)) {
          const read = spec.base.read(event);
          if (read && isOfResource(read.key, spec.resource)) change = await onBase(read, event.seq);
        } else {
          const part = spec.parts.find((p) => subjectMatches(p.filter, event.subject));
          if (part) change = await onPart(event, part.part);
        }
        if (change && spec.matches(change.object)) channel.push(change);
      }
    } catch (err) {
      if (!closed) spec.logger.warn({ err }, 'a watch stopped following the stream');
    } finally {
      channel.close();
    }
  })();
  return channel;
}

function idOf(key: ObjectKey): string {
  return `${key.namespace}/${key.name}`;
}
