/**
 * How many independent objects a reconciler works on at once. Each reconcile waits mostly on round trips (a read
 * model query, stream heads, a conditional append), so a batch's objects overlap those waits instead of queueing.
 */
export const defaultReconcileConcurrency = 16;

/**
 * Runs `reconcile` for every item, at most `concurrency` at a time, and waits for all of them. Items must be
 * independent (different aggregates; a conditional append still guards a race). Every item is tried even when one
 * fails; the first failure is then thrown, so the batch is redelivered and the failed items tried again.
 */
export async function reconcileEach<T>(items: Iterable<T>, reconcile: (item: T) => Promise<void>, concurrency = defaultReconcileConcurrency): Promise<void> {
  const queue = [...items];
  let failure: { error: unknown } | undefined;
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const item = queue[next++]!;
      try {
        await reconcile(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  if (failure) throw failure.error;
}
