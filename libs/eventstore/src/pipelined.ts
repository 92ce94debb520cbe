/**
 * Runs `task` over `items` with at most `window` tasks in flight and returns every outcome in input order. Tasks
 * start in input order (each one is started synchronously after the previous one started), so requests written to
 * one connection reach the server in input order.
 */
export async function settlePipelined<T, R>(
  items: readonly T[],
  window: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const outcomes = new Array<PromiseSettledResult<R>>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      try {
        outcomes[index] = { status: 'fulfilled', value: await task(items[index]!, index) };
      } catch (reason) {
        outcomes[index] = { status: 'rejected', reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(window, items.length)) }, worker));
  return outcomes;
}
