/**
 * Runs tasks one at a time per key, in the order they were given, and tasks of different keys side by side. The
 * executor keys by Work, so that an apply, a clean-up and the reaction to a member change of one Work never
 * interleave in this process (replicas are kept apart by conditional appends instead); binding-svc keys its
 * reconciles by binding (runExclusive over a chunk's bindings).
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly queued = new Set<string>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.runExclusive([key], task);
  }

  /**
   * Runs the task once every task given before it for any of the keys has finished, and before any given after it
   * for one of them starts. The keys are all claimed at once, so tasks over overlapping sets cannot wait for each
   * other in a circle.
   */
  runExclusive<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
    const unique = [...new Set(keys)];
    const previous = unique.flatMap((key) => this.tails.get(key) ?? []);
    const result = (previous.length === 0 ? Promise.resolve() : Promise.all(previous)).then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    for (const key of unique) this.tails.set(key, tail);
    void tail.then(() => {
      for (const key of unique) if (this.tails.get(key) === tail) this.tails.delete(key);
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
