/**
 * Equal values kept once: a cache of many objects whose kept facts mostly repeat (the demands of the pods of one
 * template, of every replica alike) holds one copy of each distinct value instead of one per object. Once `capacity`
 * distinct values are known it forgets them all, so values that never repeat cannot make it grow without bound;
 * sharing only ever saves memory. The values must never be changed by those holding them.
 */
export class SharedValues<T> {
  private readonly known = new Map<string, T>();

  constructor(
    private readonly keyOf: (value: T) => string,
    private readonly capacity = 4_096,
  ) {}

  /** The value equal to this one (same key) that is already kept, else this one, kept from now on. */
  share(value: T): T {
    const key = this.keyOf(value);
    const known = this.known.get(key);
    if (known !== undefined) return known;
    if (this.known.size >= this.capacity) this.known.clear();
    this.known.set(key, value);
    return value;
  }

  get size(): number {
    return this.known.size;
  }
}
