/** Keys loaded by one call at most: bounds the size of a query's array parameters. */
const defaultMaxBatch = 500;

interface Waiting<V> {
  readonly resolve: (value: V | undefined) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Turns single reads asked for at the same moment into one read of them all: the keys asked for until the event loop
 * next runs its immediates (every key of one burst of I/O callbacks, e.g. the events of one chunk of a member's watch)
 * are loaded with one `loadMany` call. A key asked for twice in that time is loaded once. When the call fails, every
 * read it served fails with its error.
 */
export class BatchLoader<K, V> {
  private waiting = new Map<string, { key: K; readers: Waiting<V>[] }>();
  private scheduled = false;

  constructor(
    private readonly idOf: (key: K) => string,
    private readonly loadMany: (keys: K[]) => Promise<ReadonlyMap<string, V>>,
    private readonly maxBatch = defaultMaxBatch,
  ) {}

  /** The value of `key` (by the id idOf makes of it), or undefined when loadMany found none. */
  load(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const id = this.idOf(key);
      const entry = this.waiting.get(id) ?? { key, readers: [] };
      entry.readers.push({ resolve, reject });
      this.waiting.set(id, entry);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const entries = [...this.waiting.entries()];
    this.waiting = new Map();
    for (let i = 0; i < entries.length; i += this.maxBatch) void this.loadChunk(entries.slice(i, i + this.maxBatch));
  }

  private async loadChunk(entries: readonly [string, { key: K; readers: Waiting<V>[] }][]): Promise<void> {
    try {
      const found = await this.loadMany(entries.map(([, entry]) => entry.key));
      for (const [id, entry] of entries) for (const reader of entry.readers) reader.resolve(found.get(id));
    } catch (error) {
      for (const [, entry] of entries) for (const reader of entry.readers) reader.reject(error);
    }
  }
}
