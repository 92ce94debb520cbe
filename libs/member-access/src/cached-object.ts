import type { KubeObject } from '@karmada-ts/domain';
import { packJson, unpackJson, type PackedJson } from './packed-json.js';

/**
 * One version of a member object in an informer's cache: its JSON while it may still change, packed (PackedJson) once
 * it has not for a while. A workload changes a few times right after it is applied (its controllers report on it as
 * its pods come up) and then rarely: packing only versions that lasted costs one pack per object, not one per event.
 */
export class CachedObject {
  private json: string | undefined;
  private packed: PackedJson | undefined;

  constructor(
    json: string,
    /** When this version was cached (the packer's clock). */
    readonly cachedAt: number,
  ) {
    this.json = json;
  }

  /** A fresh copy of the object. */
  object(): KubeObject {
    return JSON.parse(this.json ?? unpackJson(this.packed!)) as KubeObject;
  }

  get isPacked(): boolean {
    return this.packed !== undefined;
  }

  pack(): void {
    if (this.json === undefined) return;
    this.packed = packJson(this.json);
    this.json = undefined;
  }
}

/** Versions packed per turn of the event loop: a sweep of thousands must not hold the loop for long. */
const packsPerTurn = 200;

/**
 * Makes cached objects and packs those that have not been replaced within `packAfterMs`: a sweep every `packAfterMs`
 * packs the versions cached at least that long ago, a few hundred per turn of the event loop. It holds only the
 * versions still waiting to be packed: one that is replaced or deleted meanwhile is forgotten at once.
 */
export class ColdObjectPacker {
  /** The versions waiting to be packed, oldest first (a Set keeps insertion order and forgets in O(1)). */
  private readonly waiting = new Set<CachedObject>();
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly packAfterMs = 5_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A cached object for this JSON, packed later unless it is forgotten first. */
  cache(json: string): CachedObject {
    const object = new CachedObject(json, this.now());
    this.waiting.add(object);
    if (!this.timer && !this.stopped) this.timer = setInterval(() => void this.sweep(), this.packAfterMs).unref();
    return object;
  }

  /** A version that was replaced or deleted: it will not be looked at in the cache again, so it is not packed. */
  forget(object: CachedObject): void {
    this.waiting.delete(object);
  }

  /** Versions waiting to be packed. */
  get size(): number {
    return this.waiting.size;
  }

  /** Packs what was cached `packAfterMs` ago or earlier; resolves once done (joining a sweep under way). */
  sweep(): Promise<void> {
    this.sweeping ??= this.packDue().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async packDue(): Promise<void> {
    const due = this.now() - this.packAfterMs;
    for (;;) {
      let packed = 0;
      for (const object of this.waiting) {
        if (this.stopped || object.cachedAt > due) return;
        if (packed === packsPerTurn) break;
        object.pack();
        this.waiting.delete(object);
        packed++;
      }
      if (packed < packsPerTurn) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    this.waiting.clear();
  }
}
