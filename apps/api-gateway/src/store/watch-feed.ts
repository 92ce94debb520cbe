import { ResourceCreated, ResourceDeleted, type SealedSecretData } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import { WatchChannel, type KubeObject, type ObjectKey, type StoreWatchEvent, type WatchSubscription } from '@karmada-ts/kube';
import type { Logger } from '@karmada-ts/operability';
import { mergeParts, type ObjectPart, type PartContent, type PartName } from './object-parts.js';
import type { StreamFollower } from './stream-follower.js';
import { subjectMatches } from './subject-filters.js';
import { templateHeadOf, type TemplateHead } from './template-head.js';

export interface WatchFeedSpec {
  /** Template subjects of the watched kind (and namespace). */
  readonly templateFilter: string;
  /** The kind's other parts and their subjects. */
  readonly parts: readonly { readonly part: ObjectPart; readonly filter: string }[];
  /** The watch's namespace and selectors, applied to the served object. */
  matches(object: KubeObject): boolean;
  /** The current template of an object (for a part's event about an object this watch has not seen yet). */
  loadTemplate(key: ObjectKey): Promise<TemplateHead>;
  /** The current content of a part of an object (for an object this watch has not seen yet). */
  loadPart(key: ObjectKey, part: ObjectPart): Promise<PartContent | undefined>;
  withValues(key: ObjectKey, object: KubeObject, sealed: SealedSecretData | undefined): Promise<KubeObject>;
  readonly logger: Logger;
}

/** Objects whose parts a watch remembers; beyond this it reads them again from the stream heads. */
const rememberedObjects = 10_000;

/**
 * Turns the events of a stream follower into watch events: template events become ADDED / MODIFIED / DELETED of the
 * served object (merged with its parts), a part's events MODIFIED of the object they describe. Each watch event
 * carries the sequence of the event that caused it as its resourceVersion, so a client resuming from it misses
 * nothing. The parts of objects seen are remembered; a part of an object not seen yet is read from its stream head
 * (it may be newer than the event: the served object is then slightly ahead, never behind).
 */
export function startWatchFeed(follower: StreamFollower, spec: WatchFeedSpec): WatchSubscription {
  let closed = false;
  const stop = () => {
    if (closed) return;
    closed = true;
    follower.close().catch((err: unknown) => spec.logger.warn({ err }, 'closing a watch consumer failed'));
  };
  const channel = new WatchChannel<StoreWatchEvent>(stop);
  const templates = new BoundedMap<TemplateHead>(rememberedObjects);
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

  const serve = async (key: ObjectKey, head: TemplateHead, object: KubeObject, id: string, seq: number): Promise<KubeObject> => {
    const merged = mergeParts(object, parts, await contentsOf(id, key)).object;
    return spec.withValues(key, { ...merged, metadata: { ...merged.metadata, resourceVersion: String(seq) } }, head.sealedData);
  };

  const onTemplate = async (event: StoredEvent): Promise<StoreWatchEvent> => {
    const head = templateHeadOf(event);
    const key = keyOfTemplateEvent(event);
    const id = idOf(key);
    if (ResourceDeleted.is(event)) {
      const last = await serve(key, head, event.data.object as KubeObject, id, event.seq);
      templates.delete(id);
      contents.delete(id);
      return { type: 'DELETED', object: last };
    }
    templates.set(id, head);
    return { type: ResourceCreated.is(event) ? 'ADDED' : 'MODIFIED', object: await serve(key, head, head.object as KubeObject, id, event.seq) };
  };

  const onPart = async (event: StoredEvent, part: ObjectPart): Promise<StoreWatchEvent | undefined> => {
    const read = part.read(event, event.seq);
    if (!read) return undefined;
    const id = idOf(read.key);
    let head = templates.get(id);
    if (!head) {
      head = await spec.loadTemplate(read.key);
      if (head.object) templates.set(id, head);
    }
    if (!head.object) return undefined;
    await contentsOf(id, read.key);
    contents.get(id)!.set(part.name, read.content);
    // Content about another object of that name changes nothing this watch shows.
    if (mergeParts(head.object as KubeObject, [part], new Map([[part.name, read.content]])).seq === 0) return undefined;
    return { type: 'MODIFIED', object: await serve(read.key, head, head.object as KubeObject, id, event.seq) };
  };

  void (async () => {
    try {
      for await (const event of follower) {
        if (closed) break;
        let change: StoreWatchEvent | undefined;
        if (subjectMatches(spec.templateFilter, event.subject)) change = await onTemplate(event);
        else {
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

function keyOfTemplateEvent(event: StoredEvent): ObjectKey {
  const data = event.data as { resource: { group: string; resource: string }; object: KubeObject };
  return { group: data.resource.group, resource: data.resource.resource, namespace: data.object.metadata.namespace ?? '', name: data.object.metadata.name ?? '' };
}

function idOf(key: ObjectKey): string {
  return `${key.namespace}/${key.name}`;
}

/** A Map that forgets its least recently written entries beyond a size. */
class BoundedMap<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string): V | undefined {
    return this.entries.get(key);
  }
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
  }
  delete(key: string): void {
    this.entries.delete(key);
  }
}
