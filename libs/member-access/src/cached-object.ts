import type { KubeObject } from '@karmada-ts/domain';
import { packJson, unpackJson, type PackedJson } from './packed-object.js';

/**
 * One version of a member object in an informer's cache: its JSON while it may still change, packed (PackedJson) once
 * it has not for a while. A workload changes a few times right after it is applied (its controllers report on it as
 * its pods come up) and then rarely: packing only versions that lasted costs one pack per object, not one per event.
 */
export class CachedObject {
  private json: string | undefined;
  private packed: PackedJson | undefined;
  /** A newer version replaced it, or the object is gone: not worth packing. */
  private retired = false;

  constructor(json: string) {
    this.json = json;
  }

  /** A fresh copy of the object. */
  object(): KubeObject {
    return JSON.parse(this.json ?? unpackJson(this.packed!)) as KubeObject;
  }

  get isPacked(): boolean {
    return this.packed !== undefined;
  }

  retire(): void {
    this.retired = true;
  }

  /** Packs it unless it is packed or retired already. */
  pack(): void {
    if (this.json === undefined || this.retired) return;
    this.packed = packJson(this.json);
    this.json = undefined;
  }
}

/** Versions packed per turn of the event loop: a sweep of thousands must not hold the loop for long. */
const packsPerTurn = 200;

/**
 * Makes cached objects and packs those that have not been replaced within `packAfterMs`: a sweep every `packAfterMs`
 * packs the versions written at least that long ago, a few hundred per turn of the event loop.
 */
export class ColdObjectPacker {
  private readonly written: { readonly object: CachedObject; readonly at: number }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly packAfterMs = 5_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A cached object for this JSON, packed later unless it is retired first. */
  cache(json: string): CachedObject {
    const object = new CachedObject(json);
    this.written.push({ object, at: this.now() });
    if (!this.timer && !this.stopped) this.timer = setInterval(() => void this.sweep(), this.packAfterMs).unref();
    return object;
  }

  /** Packs what was written `packAfterMs` ago or earlier; resolves once done (joining a sweep under way). */
  sweep(): Promise<void> {
    this.sweeping ??= this.packDue().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async packDue(): Promise<void> {
    const due = this.now() - this.packAfterMs;
    let index = 0;
    while (index < this.written.length && this.written[index]!.at <= due && !this.stopped) {
      const end = Math.min(index + packsPerTurn, this.written.length);
      for (; index < end && this.written[index]!.at <= due; index++) this.written[index]!.object.pack();
      if (index < this.written.length && this.written[index]!.at <= due) await new Promise((resolve) => setImmediate(resolve));
    }
    this.written.splice(0, index);
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    this.written.length = 0;
  }
}
