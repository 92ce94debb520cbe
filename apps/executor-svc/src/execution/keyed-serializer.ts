/**
 * Runs tasks one at a time per key, in the order they were given, and tasks of different keys side by side. The
 * executor keys by Work, so that an apply, a clean-up and the reaction to a member change of one Work never
 * interleave in this process (replicas are kept apart by conditional appends instead).
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly queued = new Set<string>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /**
   * Like run, unless a task given through this method for the same key is still waiting to start: a task that reads
   * the current state when it starts covers every trigger that came before it. Resolves undefined when skipped.
   */
  coalesce(key: string, task: () => Promise<void>): Promise<void> {
    if (this.queued.has(key)) return Promise.resolve();
    this.queued.add(key);
    return this.run(key, () => {
      this.queued.delete(key);
      return task();
    });
  }
}
