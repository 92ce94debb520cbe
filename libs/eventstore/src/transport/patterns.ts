/**
 * Handler patterns of the JetStream transport.
 *
 * - `@EventPattern<string>('ResourceUpserted')`: one event at a time, any consumer delivering that type.
 * - `@EventPattern<string>(eventPattern('policy-svc-detector', 'ResourceUpserted'))`: only from that consumer (use
 *   it when two consumers of one service deliver the same type). It wins over the bare type.
 * - `@EventPattern<string>(batchPattern('policy-svc-projector'))`: the consumer's whole batches, as
 *   `StoredEvent[]` in delivery order, including types the handler does not care about (it filters them). When a
 *   consumer has a batch handler, it gets every event and per-type handlers are not used for that consumer.
 */
export function batchPattern(durable: string): string {
  return `batch:${durable}`;
}

export function eventPattern(durable: string, type: string): string {
  return `${durable}:${type}`;
}
