import 'reflect-metadata';
import { expect } from 'chai';
import { Controller, Inject, type INestMicroservice } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DeadLettered, eventTypeHeader, ResourceDeleted, ResourceUpserted, newEnvelope } from '@karmada-ts/contracts';
import {
  batchPattern,
  eventPattern,
  JetStreamContext,
  type StoredEvent,
} from '@karmada-ts/eventstore';
import { createLogger, createServiceMetrics } from '@karmada-ts/operability';
import { jetstream } from '@nats-io/jetstream';
import { headers } from '@nats-io/nats-core';
import { createTestStream, deployment, upserted, waitFor, type TestStream } from './support.js';
import { PROBE, startService } from './nest-service.js';

/** What the handlers saw, and what they do. */
interface Probe {
  readonly calls: { pattern: string; seqs: number[]; highWater: number; deliveryCount: number; at: number }[];
  behave: (events: StoredEvent[], ctx: JetStreamContext) => Promise<void> | void;
}

function newProbe(behave: Probe['behave'] = () => undefined): Probe {
  return { calls: [], behave };
}

async function record(probe: Probe, pattern: string, events: StoredEvent[], ctx: JetStreamContext): Promise<void> {
  probe.calls.push({
    pattern,
    seqs: events.map((e) => e.seq),
    highWater: ctx.getHighWaterSeq(),
    deliveryCount: ctx.getDeliveryCount(),
    at: performance.now(),
  });
  await probe.behave(events, ctx);
}

@Controller()
class TypeHandlers {
  constructor(@Inject(PROBE) private readonly probe: Probe) {}

  @EventPattern<string>(ResourceUpserted.type)
  upserted(@Payload() event: StoredEvent, @Ctx() ctx: JetStreamContext) {
    return record(this.probe, 'upserted', [event], ctx);
  }

  @EventPattern<string>(eventPattern('es-scoped', ResourceDeleted.type))
  deletedFromScoped(@Payload() event: StoredEvent, @Ctx() ctx: JetStreamContext) {
    return record(this.probe, 'scoped-deleted', [event], ctx);
  }
}

@Controller()
class LingerHandlers {
  constructor(@Inject(PROBE) private readonly probe: Probe) {}

  @EventPattern<string>(batchPattern('es-linger'))
  lingering(@Payload() events: StoredEvent[], @Ctx() ctx: JetStreamContext) {
    return record(this.probe, 'linger', events, ctx);
  }

  @EventPattern<string>(batchPattern('es-nolinger'))
  notLingering(@Payload() events: StoredEvent[], @Ctx() ctx: JetStreamContext) {
    return record(this.probe, 'no-linger', events, ctx);
  }
}

@Controller()
class BatchHandlers {
  constructor(@Inject(PROBE) private readonly probe: Probe) {}

  @EventPattern<string>(batchPattern('es-batch'))
  batch(@Payload() events: StoredEvent[], @Ctx() ctx: JetStreamContext) {
    return record(this.probe, 'batch', events, ctx);
  }

  @EventPattern<string>(batchPattern('es-typed'))
  typed(@Payload() events: StoredEvent[], @Ctx() ctx: JetStreamContext) {
    return record(this.probe, 'typed', events, ctx);
  }

  @EventPattern<string>(batchPattern('es-share'))
  share(@Payload() events: StoredEvent[], @Ctx() ctx: JetStreamContext) {
    return record(this.probe, 'share', events, ctx);
  }
}

@Controller()
class SettlingHandlers {
  constructor(@Inject(PROBE) private readonly probe: Probe) {}

  @EventPattern<string>(batchPattern('es-settling'))
  settling(@Payload() events: StoredEvent[], @Ctx() ctx: JetStreamContext) {
    return record(this.probe, 'settling', events, ctx);
  }

  @EventPattern<string>(batchPattern('es-settle-errors'))
  settlingErrors(@Payload() events: StoredEvent[], @Ctx() ctx: JetStreamContext) {
    return record(this.probe, 'settle-errors', events, ctx);
  }

  @EventPattern<string>(batchPattern('es-holding'))
  holding(@Payload() events: StoredEvent[], @Ctx() ctx: JetStreamContext) {
    return record(this.probe, 'holding', events, ctx);
  }

  @EventPattern<string>(batchPattern('es-share-held'))
  shareHeld(@Payload() events: StoredEvent[], @Ctx() ctx: JetStreamContext) {
    return record(this.probe, 'share-held', events, ctx);
  }
}

@Controller()
class DeadLetterHandlers {
  constructor(@Inject(PROBE) private readonly probe: Probe) {}

  @EventPattern<string>(DeadLettered.type)
  deadLettered(@Payload() event: StoredEvent, @Ctx() ctx: JetStreamContext) {
    return record(this.probe, 'dead-lettered', [event], ctx);
  }
}

describe('JetStreamServer (NestJS transport)', () => {
  let t: TestStream;
  const apps: INestMicroservice[] = [];
  before(async () => {
    t = await createTestStream('jss');
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });
  after(() => t.cleanup());

  const kind = (resource: string) => ({ group: 'test', resource });
  /**
   * A consumer's first pull may bring its messages in one read or several, and each read may become a batch. A test
   * that needs events in one batch appends a warm-up event first: it goes alone, at once (nothing came before it),
   * and the events appended together right after it wait this long for each other (a quiet spell is three lingers).
   */
  const oneBatchLingerMs = 1_000;
  async function append(resource: string, name: string, type: string = ResourceUpserted.type) {
    const subject = t.subjects.template(kind(resource), 'default', name);
    const base = upserted(subject, deployment(name));
    const envelope = type === ResourceUpserted.type ? base : { ...base, type, version: 1 };
    return { envelope, ...(await t.store.append(subject, envelope, { expectedSeq: 'any' })) };
  }
  async function consumerInfo(durable: string) {
    return t.jsm.consumers.info(t.subjects.stream, durable);
  }

  it('routes by event type, runs handlers in the envelope log context, acks events nobody handles', async () => {
    const probe = newProbe();
    const { app } = await startService(t, {
      controllers: [TypeHandlers],
      probe,
      consumers: [{ durable: 'es-routing', filterSubject: t.subjects.templateFilter(kind('routing')) }],
    });
    apps.push(app);
    const handled = await append('routing', 'a');
    const ignored = await append('routing', 'b', ResourceDeleted.type);
    const unknown = await append('routing', 'c', 'SomethingElse');
    await waitFor('the upsert to be handled and everything acked', async () => {
      const info = await consumerInfo('es-routing');
      return probe.calls.length === 1 && info.num_ack_pending === 0 && info.delivered.stream_seq >= unknown.seq;
    });
    expect(probe.calls).to.have.length(1);
    expect(probe.calls[0]).to.deep.include({
      pattern: 'upserted',
      seqs: [handled.seq],
      deliveryCount: 1,
    });
    expect(ignored.seq).to.be.lessThan(unknown.seq);
    expect((await consumerInfo('es-routing')).num_redelivered).to.equal(0);
  });

  it('prefers a handler scoped to the consumer over the bare type', async () => {
    const probe = newProbe();
    const { app } = await startService(t, {
      controllers: [TypeHandlers],
      probe,
      consumers: [{ durable: 'es-scoped', filterSubject: t.subjects.templateFilter(kind('scoped')) }],
    });
    apps.push(app);
    const deleted = await append('scoped', 'x', ResourceDeleted.type);
    await waitFor('the scoped handler', () => probe.calls.length === 1);
    expect(probe.calls[0]).to.deep.include({ pattern: 'scoped-deleted', seqs: [deleted.seq] });
  });

  it('retries a throwing handler with backoff, then dead-letters the event with its error and counts it', async () => {
    const metrics = createServiceMetrics('es-test', { processMetrics: false });
    const probe = newProbe((events) => {
      throw new Error(`boom at ${events[0]!.seq}`);
    });
    const durable = 'es-failing';
    const logged: Record<string, unknown>[] = [];
    const logger = createLogger({
      service: 'test',
      level: 'warn',
      destination: { write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>) },
    });
    const { app } = await startService(t, {
      controllers: [TypeHandlers],
      probe,
      metrics: metrics.backbone,
      logger,
      consumers: [
        {
          durable,
          filterSubject: t.subjects.templateFilter(kind('failing')),
          maxDeliver: 3,
          backoff: { baseMs: 200, maxMs: 10_000 },
        },
      ],
    });
    apps.push(app);
    const poison = await append('failing', 'poison');
    const deadLetterSubject = t.subjects.deadLetter(durable);
    await waitFor('the dead letter', async () => (await t.store.readLast(deadLetterSubject)) !== undefined);

    expect(probe.calls.map((c) => c.deliveryCount)).to.deep.equal([1, 2, 3]);
    const gaps = probe.calls.slice(1).map((c, i) => c.at - probe.calls[i]!.at);
    expect(gaps[0]).to.be.at.least(190); // 200 ms after the first failure
    expect(gaps[1]).to.be.at.least(390); // 400 ms after the second

    const letter = await t.store.readLast(deadLetterSubject);
    expect(letter && DeadLettered.is(letter)).to.equal(true);
    const data = (letter as DeadLettered).data;
    expect(data).to.deep.include({ durable, streamSeq: poison.seq, deliveryCount: 3, stream: t.subjects.stream });
    expect(data.error).to.deep.include({ name: 'Error', message: `boom at ${poison.seq}` });
    expect(data.error.stack).to.contain(`boom at ${poison.seq}`);
    expect(data.headers['Event-Type']).to.deep.equal(['ResourceUpserted']);
    expect(JSON.parse(data.payload)).to.deep.equal(poison.envelope);
    expect(letter).to.deep.include({ causationId: poison.envelope.id, correlationId: poison.envelope.correlationId });
    // Each line about the event names it and its chain.
    const ids = { correlationId: poison.envelope.correlationId, causationId: poison.envelope.causationId, eventId: poison.envelope.id, seq: poison.seq };
    const retried = logged.filter((l) => l['msg'] === 'handler failed; will retry');
    expect(retried).to.have.length(2);
    for (const line of retried) expect(line).to.deep.include(ids);
    expect(logged.find((l) => l['msg'] === 'gave up on a message; dead-lettered it')).to.deep.include(ids);

    await waitFor('the original to be terminated', async () => (await consumerInfo(durable)).num_ack_pending === 0);
    const value = async (name: string) =>
      (await metrics.registry.getSingleMetric(name)!.get()).values.find((v) => v.labels.durable === durable)?.value;
    expect(await value('karmada_events_dead_lettered_total')).to.equal(1);
    expect(await value('karmada_events_failed_total')).to.equal(3);
    expect(await value('karmada_events_handled_total')).to.equal(undefined);
  });

  it('does not swallow handler errors even without the error filter (the handleEvent trap)', async () => {
    let failures = 1;
    const probe = newProbe(() => {
      if (failures-- > 0) throw new Error('first delivery fails');
    });
    const { app } = await startService(t, {
      controllers: [TypeHandlers],
      probe,
      propagateErrors: false,
      consumers: [
        {
          durable: 'es-nofilter',
          filterSubject: t.subjects.templateFilter(kind('nofilter')),
          backoff: { baseMs: 50, maxMs: 50 },
        },
      ],
    });
    apps.push(app);
    await append('nofilter', 'x');
    await waitFor('the redelivery', () => probe.calls.length === 2);
    expect(probe.calls.map((c) => c.deliveryCount)).to.deep.equal([1, 2]);
  });

  it('hands batches to a batch handler; a poison event in a batch does not hold back the others', async () => {
    const probe = newProbe((events) => {
      if (events.some((e) => e.subject.endsWith('.poison'))) throw new Error('poison');
    });
    const durable = 'es-batch';
    const names = ['a', 'b', 'poison', 'c', 'd'];
    const items = names.map((name) => {
      const subject = t.subjects.template(kind('batch'), 'default', name);
      const envelope = upserted(subject, deployment(name));
      // One event of a type nobody registered: batch handlers get every type.
      return { subject, envelope: name === 'c' ? { ...envelope, type: 'Other', version: 1 } : envelope, expectedSeq: 0 };
    });
    // Appended before the consumer exists, so the first pull returns them together.
    const seqs = (await t.store.appendBatch(items)).map((o) => (o.ok ? o.seq : -1));
    const { app } = await startService(t, {
      controllers: [BatchHandlers],
      probe,
      consumers: [
        {
          durable,
          filterSubject: t.subjects.templateFilter(kind('batch')),
          batchSize: 20,
          maxDeliver: 2,
          backoff: { baseMs: 50, maxMs: 50 },
        },
      ],
    });
    apps.push(app);
    const deadLetter = t.subjects.deadLetter(durable);
    await waitFor('the poison event to be dead-lettered', async () => (await t.store.readLast(deadLetter)) !== undefined);
    await waitFor('everything settled', async () => (await consumerInfo(durable)).num_ack_pending === 0);

    const poisonSeq = seqs[2]!;
    // The first pull usually arrives in one read, and then it is one batch; when its messages come in two reads they
    // are two batches, so what is checked is what holds either way.
    const firstSeen = [...new Set(probe.calls.flatMap((c) => c.seqs))];
    expect(firstSeen).to.deep.equal(seqs); // in stream order, every type included
    const withPoison = probe.calls.filter((c) => c.seqs.includes(poisonSeq));
    expect(withPoison[0]!.seqs.length).to.be.above(1); // the poison came in a batch with others
    expect(withPoison.slice(1).map((c) => [c.seqs, c.deliveryCount])).to.deep.equal([
      [[poisonSeq], 1], // the failed batch, handled again one event at a time
      [[poisonSeq], 2], // redelivered once (maxDeliver 2), then dead-lettered
    ]);
    // Every other event went through exactly once, none held back by the poison.
    const succeeded = probe.calls.filter((c) => !c.seqs.includes(poisonSeq)).flatMap((c) => c.seqs);
    expect(succeeded.sort((x, y) => x - y)).to.deep.equal(seqs.filter((s) => s !== poisonSeq));
  });

  // A batch consumer that reads less than its filter carries, by type or by subject: it is handed the events it reads
  // ("a", "b"), never the one it does not ("other"), and learns the batch's highest sequence all the same.
  const leftOut = [
    { name: 'names its event types', durable: 'es-typed', pattern: 'typed', reads: { eventTypes: [ResourceUpserted.type] } },
    { name: 'reads a share of its subjects', durable: 'es-share', pattern: 'share', reads: { readsSubject: (subject: string) => !/\.(other|garbage)$/.test(subject) } },
  ];
  for (const c of leftOut) {
    it(`hands a batch consumer that ${c.name} only those, undecoded others counted in the high water and acked`, async () => {
      const probe = newProbe();
      const subjectOf = (name: string) => t.subjects.template(kind(c.pattern), 'default', name);
      const warmUp = await append(c.pattern, 'warm-up');
      const { app } = await startService(t, {
        controllers: [BatchHandlers],
        probe,
        consumers: [{ durable: c.durable, filterSubject: t.subjects.templateFilter(kind(c.pattern)), batchSize: 20, ...c.reads, lingerMs: oneBatchLingerMs }],
      });
      apps.push(app);
      await waitFor('the warm-up', () => probe.calls.length === 1);
      expect(probe.calls[0]!.seqs).to.deep.equal([warmUp.seq]);
      const items = ['a', 'other', 'b'].map((name) => {
        const envelope = upserted(subjectOf(name), deployment(name));
        return { subject: subjectOf(name), envelope: name === 'other' ? { ...envelope, type: 'Other', version: 1 } : envelope, expectedSeq: 0 };
      });
      const seqs = (await t.store.appendBatch(items)).map((o) => (o.ok ? o.seq : -1));
      await waitFor('the batch', () => probe.calls.length === 2);
      expect(probe.calls[1]).to.deep.include({ pattern: c.pattern, seqs: [seqs[0], seqs[2]], highWater: seqs[2] });

      // A message left out is not even decoded: a body that is not an envelope would otherwise be dead-lettered.
      const h = headers();
      h.set(eventTypeHeader, 'Other');
      const garbage = await jetstream(t.nc).publish(subjectOf('garbage'), 'not an envelope', { headers: h });
      await waitFor('the left-out message acked', async () => {
        const info = await consumerInfo(c.durable);
        return info.num_ack_pending === 0 && info.delivered.stream_seq >= garbage.seq;
      });
      expect(probe.calls.slice(2)).to.have.length(1);
      expect(probe.calls[2]).to.deep.include({ seqs: [], highWater: garbage.seq });
      expect(await t.store.readLast(t.subjects.deadLetter(c.durable))).to.equal(undefined);
      expect((await consumerInfo(c.durable)).num_redelivered).to.equal(0);
    });
  }

  it('with settlesEach, a batch holds a slot only for the events it has not settled; without, for all of them until it returns', async () => {
    // Batches of two, two at a time. Each batch settles all its events but the last at once and holds that one.
    const run = async (durable: string, settlesEach: boolean) => {
      const held: (() => void)[] = [];
      const probe = newProbe(async (events, ctx) => {
        for (const event of events.slice(0, -1)) ctx.settle(event);
        await new Promise<void>((resolve) => held.push(resolve));
      });
      const seen = () => probe.calls.flatMap((c) => c.seqs);
      const resource = `slots-${durable}`;
      // Appended before the consumer exists: the first pull usually brings them together, two full batches. When its
      // messages arrive in two reads they make three batches (a batch is handed over with what has arrived), and
      // what is checked holds either way.
      const first = [await append(resource, 'a'), await append(resource, 'b'), await append(resource, 'c'), await append(resource, 'd')];
      const { app } = await startService(t, {
        controllers: [SettlingHandlers],
        probe,
        consumers: [{ durable, filterSubject: t.subjects.templateFilter(kind(resource)), batchSize: 2, concurrency: 2, settlesEach }],
      });
      apps.push(app);
      // With settlesEach every first event gets a place; without, two batches fill both.
      await waitFor('the batches held', () => held.length >= 2 && (!settlesEach || seen().length === 4));
      await waitFor('the settled events acknowledged', async () => (await consumerInfo(durable)).num_ack_pending === 4 - (seen().length - held.length));
      const late = await append(resource, 'e');
      // The fifth event fits in the slots its batches settled, or waits for a batch to return.
      const handedOver = await waitFor('the fifth event', () => seen().includes(late.seq), 1_000).then(
        () => true,
        () => false,
      );
      for (const release of held.splice(0)) release();
      await waitFor('everything acknowledged', async () => {
        for (const release of held.splice(0)) release();
        return (await consumerInfo(durable)).num_ack_pending === 0 && seen().includes(late.seq);
      });
      expect([...new Set(seen())].slice(0, 4)).to.deep.equal(first.map((f) => f.seq));
      expect((await consumerInfo(durable)).num_redelivered, durable).to.equal(0);
      return handedOver;
    };
    expect(await run('es-settling', true), 'settling each').to.equal(true);
    expect(await run('es-holding', false), 'holding the batch').to.equal(false);
  });

  it('with settlesEach, acknowledges at once what it does not read, while the events it reads are held', async () => {
    const durable = 'es-share-held';
    const held: (() => void)[] = [];
    const probe = newProbe(async () => {
      await new Promise<void>((resolve) => held.push(resolve));
    });
    const subjectOf = (name: string) => t.subjects.template(kind('share-held'), 'default', name);
    const { app } = await startService(t, {
      controllers: [SettlingHandlers],
      probe,
      consumers: [
        { durable, filterSubject: t.subjects.templateFilter(kind('share-held')), batchSize: 2, settlesEach: true, readsSubject: (subject) => !subject.endsWith('.theirs'), lingerMs: oneBatchLingerMs },
      ],
    });
    apps.push(app);
    const items = ['mine', 'theirs'].map((name) => ({ subject: subjectOf(name), envelope: upserted(subjectOf(name), deployment(name)), expectedSeq: 0 }));
    const [mine, theirs] = (await t.store.appendBatch(items)).map((o) => (o.ok ? o.seq : -1));
    await waitFor('the batch held', () => held.length === 1);
    expect(probe.calls[0]).to.deep.include({ seqs: [mine], highWater: theirs });
    await waitFor('the message it does not read acknowledged', async () => {
      const info = await consumerInfo(durable);
      return info.delivered.stream_seq >= theirs! && info.num_ack_pending === 1;
    });
    held.splice(0).forEach((release) => release());
    await waitFor('everything acknowledged', async () => (await consumerInfo(durable)).num_ack_pending === 0);
    expect((await consumerInfo(durable)).num_redelivered).to.equal(0);
  });

  it('sends an event settled with an error back alone, and keeps the acknowledgement of one settled before its batch failed', async () => {
    const durable = 'es-settle-errors';
    const resource = 'settled-errors';
    const warmUp = await append(resource, 'warm-up');
    const probe = newProbe((events, ctx) => {
      if (events[0]!.seq === warmUp.seq) return;
      if (ctx.getDeliveryCount() > 1) return; // the events sent back, on their second delivery
      ctx.settle(events[0]!, new Error('not now'));
      ctx.settle(events[1]!);
      throw new Error('the third one failed');
    });
    const { app } = await startService(t, {
      controllers: [SettlingHandlers],
      probe,
      consumers: [
        {
          durable,
          filterSubject: t.subjects.templateFilter(kind(resource)),
          batchSize: 3,
          settlesEach: true,
          backoff: { baseMs: 50, maxMs: 50 },
          lingerMs: oneBatchLingerMs,
        },
      ],
    });
    apps.push(app);
    await waitFor('the warm-up', () => probe.calls.length === 1);
    const items = ['a', 'b', 'c'].map((name) => {
      const subject = t.subjects.template(kind(resource), 'default', name);
      return { subject, envelope: upserted(subject, deployment(name)), expectedSeq: 0 };
    });
    const [a, b, c] = (await t.store.appendBatch(items)).map((o) => (o.ok ? o.seq : -1));
    // a sent back by its own settle, c as the rest of the failed batch; b acknowledged when settled, never again.
    const deliveries = (seq: number) => probe.calls.filter((call) => call.seqs.includes(seq)).length;
    await waitFor('everything acknowledged', async () => deliveries(a!) + deliveries(c!) >= 4 && (await consumerInfo(durable)).num_ack_pending === 0);
    expect(probe.calls[1]!.seqs).to.deep.equal([a, b, c]);
    expect([deliveries(a!), deliveries(b!), deliveries(c!)]).to.deep.equal([2, 1, 2]);
  });

  it('with a linger, hands the first event after a quiet spell over at once and gathers the ones after it; without, hands each over at once', async () => {
    const run = async (durable: string, lingerMs: number) => {
      const probe = newProbe();
      const { app } = await startService(t, {
        controllers: [LingerHandlers],
        probe,
        consumers: [{ durable, filterSubject: t.subjects.templateFilter(kind(durable)), batchSize: 50, lingerMs }],
      });
      apps.push(app);
      const seqs: number[] = [];
      let firstAppendedAt = 0;
      for (const name of ['a', 'b', 'c', 'd', 'e']) {
        const subject = t.subjects.template(kind(durable), 'default', name);
        seqs.push((await t.store.append(subject, upserted(subject, deployment(name)), { expectedSeq: 0 })).seq);
        firstAppendedAt ||= performance.now();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await waitFor('every event handled', async () => probe.calls.flatMap((c) => c.seqs).length === seqs.length);
      return { batches: probe.calls.map((c) => c.seqs), seqs, handledAfterMs: probe.calls.map((c) => c.at - firstAppendedAt) };
    };
    const lingerMs = 2_000;
    const lingering = await run('es-linger', lingerMs);
    // The consumer was quiet: the first event goes at once; the next ones wait for the linger after it, together.
    expect(lingering.batches).to.deep.equal([lingering.seqs.slice(0, 1), lingering.seqs.slice(1)]);
    expect(lingering.handledAfterMs[0]).to.be.below(lingerMs / 2);
    expect(lingering.handledAfterMs[1]! - lingering.handledAfterMs[0]!).to.be.at.least(lingerMs - 50);
    const notLingering = await run('es-nolinger', 0);
    expect(notLingering.batches).to.deep.equal(notLingering.seqs.map((seq) => [seq]));
  });

  it('never dead-letters a dead letter (no loops when a consumer of dead letters fails)', async () => {
    const probe = newProbe(() => {
      throw new Error('cannot handle dead letters either');
    });
    const durable = 'es-dlq-reader';
    const { app } = await startService(t, {
      controllers: [DeadLetterHandlers],
      probe,
      consumers: [{ durable, filterSubject: t.subjects.deadLetter('es-someone'), maxDeliver: 1 }],
    });
    apps.push(app);
    const letter = newEnvelope(DeadLettered, {
      id: 'dl-1',
      correlationId: 'c',
      causationId: 'c',
      subject: t.subjects.deadLetter('es-someone'),
      time: '2026-01-01T00:00:00.000Z',
      actor: 'system:es-someone',
      data: {
        durable: 'es-someone',
        stream: 's',
        streamSeq: 1,
        subject: 'x',
        deliveryCount: 5,
        error: { name: 'Error', message: 'm' },
        headers: {},
        payload: '{}',
      },
    });
    const { seq } = await t.store.append(letter.subject, letter, { expectedSeq: 'any' });
    await waitFor('the dead letter to be terminated', async () => {
      const info = await consumerInfo(durable);
      return probe.calls.length === 1 && info.num_ack_pending === 0 && info.ack_floor.stream_seq === seq;
    });
    expect(await t.store.readLast(t.subjects.deadLetter(durable))).to.equal(undefined);
  });

  it('keeps what it holds alive: a message queued behind a slow batch for longer than the ack wait comes once', async () => {
    let first = true;
    const probe = newProbe(async () => {
      if (!first) return;
      first = false;
      await new Promise((resolve) => setTimeout(resolve, 2_500));
    });
    const durable = 'es-held';
    const { app } = await startService(t, {
      controllers: [TypeHandlers],
      probe,
      consumers: [{ durable, filterSubject: t.subjects.templateFilter(kind('held')), batchSize: 1, ackWaitMs: 1_000 }],
    });
    apps.push(app);
    const slow = await append('held', 'slow');
    await waitFor('the slow handler to start', () => probe.calls.length === 1);
    const queued = await append('held', 'queued');
    await waitFor('both handled and acked', async () => {
      const info = await consumerInfo(durable);
      return probe.calls.length >= 2 && info.num_ack_pending === 0 && info.ack_floor.stream_seq >= queued.seq;
    });
    // Kept alive only while it was handled, the queued message came again after 1 s, twice, while it waited here.
    expect(probe.calls.map((c) => [c.seqs[0], c.deliveryCount])).to.deep.equal([
      [slow.seq, 1],
      [queued.seq, 1],
    ]);
    expect((await consumerInfo(durable)).num_redelivered).to.equal(0);
  });

  it('drains on close: the handler in flight finishes and its message is acked', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let finished = false;
    const probe = newProbe(async () => {
      await released;
      finished = true;
    });
    const durable = 'es-drain';
    const { app } = await startService(t, {
      controllers: [TypeHandlers],
      probe,
      consumers: [{ durable, filterSubject: t.subjects.templateFilter(kind('drain')) }],
    });
    const inFlight = await append('drain', 'slow');
    await waitFor('the handler to start', () => probe.calls.length === 1);
    const closing = app.close();
    setTimeout(release, 100);
    await closing;
    expect(finished).to.equal(true);
    const info = await consumerInfo(durable);
    expect(info.ack_floor.stream_seq).to.equal(inFlight.seq);
    expect(info.num_ack_pending).to.equal(0);
  });

  it('exposes readiness checks for NATS and consumer lag', async () => {
    const durable = 'es-ready';
    const { app, server } = await startService(t, {
      controllers: [],
      probe: newProbe(),
      consumers: [{ durable, filterSubject: t.subjects.templateFilter(kind('ready')) }],
    });
    apps.push(app);
    const checks = server.readinessChecks({ maxPending: 0 });
    expect(checks.map((c) => c.name)).to.deep.equal(['nats', `consumer ${durable}`]);
    await waitFor('ready', async () => (await Promise.all(checks.map((c) => c.check()))).every((r) => r.ok));
  });

  it('counts what a consumer has not been delivered: from the server while it trails, without asking once caught up', async () => {
    const durable = 'es-pending';
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const probe = newProbe(() => released);
    const { app, server } = await startService(t, {
      controllers: [TypeHandlers],
      probe,
      consumers: [{ durable, filterSubject: t.subjects.templateFilter(kind('pending')), batchSize: 5, maxAckPending: 5 }],
    });
    apps.push(app);
    // Count the consumer info requests of every pull consumer (the workers' included) through their shared prototype.
    const prototype = Object.getPrototypeOf(await jetstream(t.nc).consumers.get(t.subjects.stream, durable)) as { info(): Promise<unknown> };
    const info = prototype.info;
    let infoRequests = 0;
    prototype.info = function countedInfo(this: unknown, ...args: []) {
      infoRequests++;
      return info.apply(this, args);
    };
    try {
      for (let i = 0; i < 20; i++) await append('pending', `p${i}`);
      await waitFor('five held by the blocked handler', async () => (await consumerInfo(durable)).num_ack_pending === 5);
      expect((await consumerInfo(durable)).num_pending).to.equal(15);
      infoRequests = 0;
      expect(await server.pending(durable)).to.equal(15);
      expect(infoRequests).to.equal(1);

      release();
      await waitFor('every event handled and acked', async () => probe.calls.length === 20 && (await consumerInfo(durable)).num_ack_pending === 0);
      await waitFor('the worker idle and caught up', async () => (await server.pending(durable)) === 0);
      infoRequests = 0;
      for (let i = 0; i < 3; i++) expect(await server.pending(durable)).to.equal(0);
      expect(infoRequests).to.equal(0);

      await append('pending', 'later');
      await waitFor('the later event handled', () => probe.calls.length === 21);
      await waitFor('caught up again', async () => (await server.pending(durable)) === 0);
    } finally {
      release();
      prototype.info = info;
    }
  });

  it('asks the server again once the pulls fail: a deleted consumer is not reported as caught up', async () => {
    const durable = 'es-deleted';
    const probe = newProbe();
    const { app, server } = await startService(t, {
      controllers: [TypeHandlers],
      probe,
      consumers: [{ durable, filterSubject: t.subjects.templateFilter(kind('deleted')) }],
    });
    apps.push(app);
    await append('deleted', 'd');
    await waitFor('the event handled', () => probe.calls.length === 1);
    await waitFor('caught up', async () => (await server.pending(durable)) === 0);
    await t.jsm.consumers.delete(t.subjects.stream, durable);
    await waitFor('the count to fail', () => server.pending(durable).then(() => false, () => true));
  });

  it('envelopes built with newEnvelope round-trip through the transport unchanged', async () => {
    const probe = newProbe();
    const { app } = await startService(t, {
      controllers: [TypeHandlers],
      probe,
      consumers: [{ durable: 'es-roundtrip', filterSubject: t.subjects.templateFilter(kind('roundtrip')) }],
    });
    apps.push(app);
    const subject = t.subjects.template(kind('roundtrip'), undefined, 'r');
    const envelope = newEnvelope(ResourceUpserted, {
      id: 'rt-1',
      correlationId: 'c',
      causationId: 'c',
      subject,
      data: { resource: { group: 'test', version: 'v1', resource: 'roundtrip' }, object: deployment('r') },
      time: '2026-01-01T00:00:00.000Z',
      actor: 'user:x',
    });
    let received: StoredEvent | undefined;
    probe.behave = (events) => {
      received = events[0];
    };
    const { seq } = await t.store.append(subject, envelope, { expectedSeq: 0 });
    await waitFor('delivery', () => received !== undefined);
    expect(received).to.deep.equal({ ...envelope, seq });
  });
});
