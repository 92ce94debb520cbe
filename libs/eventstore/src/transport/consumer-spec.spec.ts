import { expect } from 'chai';
import { AckPolicy, DeliverPolicy } from '@nats-io/jetstream';
import { consumerCreateConfig, resolveConsumerSpec, retryDelayMs } from './consumer-spec.js';

describe('consumer spec', () => {
  const backoff = { baseMs: 100, maxMs: 1_000 };
  const delays: { delivery: number; expected: number }[] = [
    { delivery: 1, expected: 100 },
    { delivery: 2, expected: 200 },
    { delivery: 3, expected: 400 },
    { delivery: 4, expected: 800 },
    { delivery: 5, expected: 1_000 },
    { delivery: 30, expected: 1_000 },
  ];
  for (const c of delays) {
    it(`retries after delivery ${c.delivery} wait ${c.expected} ms`, () => {
      expect(retryDelayMs(c.delivery, backoff)).to.equal(c.expected);
    });
  }

  it('fills in defaults', () => {
    expect(resolveConsumerSpec({ durable: 'a-b', filterSubject: 'k.>' })).to.deep.equal({
      durable: 'a-b',
      filterSubject: 'k.>',
      deliver: 'all',
      maxDeliver: 5,
      ackWaitMs: 6_000,
      maxAckPending: 400,
      batchSize: 100,
      backoff: { baseMs: 1_000, maxMs: 60_000 },
      concurrency: 1,
      lingerMs: 0,
      eventTypes: undefined,
      readsSubject: undefined,
      settlesEach: false,
    });
    expect(resolveConsumerSpec({ durable: 'a-b', filterSubject: 'k.>', settlesEach: true }).settlesEach).to.equal(true);
  });

  it('keeps the event types a batch handler reads as a set, and refuses an empty list', () => {
    expect(resolveConsumerSpec({ durable: 'a-b', filterSubject: 'k.>', eventTypes: ['A', 'B'] }).eventTypes).to.deep.equal(new Set(['A', 'B']));
    expect(() => resolveConsumerSpec({ durable: 'a-b', filterSubject: 'k.>', eventTypes: [] })).to.throw(/eventTypes/);
  });

  it('rejects a negative linger', () => {
    expect(() => resolveConsumerSpec({ durable: 'a-b', filterSubject: 'k.>', lingerMs: -1 })).to.throw();
  });

  it('rejects a max ack pending below what the batches in flight need', () => {
    expect(() => resolveConsumerSpec({ durable: 'a-b', filterSubject: 'k.>', batchSize: 10, maxAckPending: 5 })).to.throw();
    expect(() =>
      resolveConsumerSpec({ durable: 'a-b', filterSubject: 'k.>', batchSize: 10, concurrency: 2, maxAckPending: 15 }),
    ).to.throw();
  });

  it('scales the default max ack pending with concurrency', () => {
    const spec = resolveConsumerSpec({ durable: 'a-b', filterSubject: 'k.>', batchSize: 10, concurrency: 3 });
    expect(spec.maxAckPending).to.equal(120);
  });

  const starts: { name: string; deliver: 'all' | 'new' | { fromSeq: number }; expected: Record<string, unknown> }[] = [
    { name: 'all', deliver: 'all', expected: { deliver_policy: DeliverPolicy.All } },
    { name: 'new', deliver: 'new', expected: { deliver_policy: DeliverPolicy.New } },
    {
      name: 'from a sequence',
      deliver: { fromSeq: 42 },
      expected: { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: 42 },
    },
  ];
  for (const c of starts) {
    it(`creates a durable, explicitly acked consumer delivering ${c.name}`, () => {
      const spec = resolveConsumerSpec({ durable: 'a-b', filterSubject: 'k.>', deliver: c.deliver, ackWaitMs: 2_000 });
      const config = consumerCreateConfig(spec);
      expect(config).to.deep.include({
        ...c.expected,
        durable_name: 'a-b',
        ack_policy: AckPolicy.Explicit,
        filter_subject: 'k.>',
        max_deliver: 6,
        ack_wait: 2_000_000_000,
        max_ack_pending: 400,
      });
    });
  }
});
