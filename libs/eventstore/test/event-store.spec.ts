import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { ResourceUpserted, type Envelope } from '@karmada-ts/contracts';
import { ConcurrencyConflictError, NoResponderError, provisionStream, type StoredEvent } from '@karmada-ts/eventstore';
import { jetstream } from '@nats-io/jetstream';
import { createTestStream, deployment, upserted, type TestStream } from './support.js';

chai.use(chaiAsPromised);
const { expect } = chai;

const deployments = { group: 'apps', resource: 'deployments' };

describe('EventStore on JetStream', () => {
  let t: TestStream;
  before(async () => {
    t = await createTestStream('es');
  });
  after(() => t.cleanup());

  it('two writers appending to one subject with the same expected sequence: exactly one wins', async () => {
    const subject = t.subjects.template(deployments, 'default', 'race');
    const first = await t.store.append(subject, upserted(subject, deployment('race')), { expectedSeq: 0 });
    const results = await Promise.allSettled([
      t.store.append(subject, upserted(subject, deployment('race', 2)), { expectedSeq: first.seq }),
      t.store.append(subject, upserted(subject, deployment('race', 3)), { expectedSeq: first.seq }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).to.have.length(1);
    expect(lost).to.have.length(1);
    const conflict = lost[0]!.reason;
    expect(conflict).to.be.instanceOf(ConcurrencyConflictError);
    const winnerSeq = (won[0] as PromiseFulfilledResult<{ seq: number }>).value.seq;
    expect(conflict).to.include({ subject, expectedSeq: first.seq, actualSeq: winnerSeq });
    expect((await t.store.readLast(subject))?.seq).to.equal(winnerSeq);
  });

  it('expected sequence 0 means the subject must be empty', async () => {
    const subject = t.subjects.template(deployments, 'default', 'create-twice');
    await t.store.append(subject, upserted(subject, deployment('create-twice')), { expectedSeq: 0 });
    await expect(
      t.store.append(subject, upserted(subject, deployment('create-twice')), { expectedSeq: 0 }),
    ).to.be.rejectedWith(ConcurrencyConflictError);
  });

  it("'any' appends without a concurrency check", async () => {
    const subject = t.subjects.template(deployments, 'default', 'unchecked');
    const a = await t.store.append(subject, upserted(subject, deployment('unchecked')), { expectedSeq: 'any' });
    const b = await t.store.append(subject, upserted(subject, deployment('unchecked')), { expectedSeq: 'any' });
    expect(b.seq).to.be.greaterThan(a.seq);
  });

  it('the same message id appended twice inside the duplicate window lands once', async () => {
    const subject = t.subjects.template(deployments, 'default', 'dedup');
    const envelope = upserted(subject, deployment('dedup'));
    const first = await t.store.append(subject, envelope, { expectedSeq: 'any' });
    const before = await t.store.lastSequence();
    const second = await t.store.append(subject, envelope, { expectedSeq: 'any' });
    expect(second).to.deep.equal({ seq: first.seq, duplicate: true });
    expect(first.duplicate).to.equal(false);
    expect(await t.store.lastSequence()).to.equal(before);
    const stored: StoredEvent[] = [];
    for await (const e of t.store.replay(subject)) stored.push(e);
    expect(stored.map((e) => e.id)).to.deep.equal([envelope.id]);
  });

  it('a retried conditional append is a duplicate, not a conflict (msg id is checked first)', async () => {
    const subject = t.subjects.template(deployments, 'default', 'retry');
    const envelope = upserted(subject, deployment('retry'));
    const first = await t.store.append(subject, envelope, { expectedSeq: 0 });
    expect(await t.store.append(subject, envelope, { expectedSeq: 0 })).to.deep.equal({ seq: first.seq, duplicate: true });
  });

  it('refuses an envelope addressed to another subject', async () => {
    const subject = t.subjects.template(deployments, 'default', 'a');
    await expect(t.store.append(subject, upserted('elsewhere', deployment('a')), { expectedSeq: 0 })).to.be.rejectedWith(
      /not/,
    );
  });

  it('an append to a subject no stream holds rejects with NoResponderError and appends nothing', async () => {
    const outside = `elsewhere.${t.subjects.stream}.x`;
    const before = await t.store.lastSequence();
    await expect(t.store.append(outside, upserted(outside, deployment('x')), { expectedSeq: 0 })).to.be.rejectedWith(NoResponderError, outside);
    expect(await t.store.lastSequence()).to.equal(before);
  });

  it('readLast gives the last event of a subject, decoded and upcast, or undefined', async () => {
    const subject = t.subjects.template(deployments, 'ns-1', 'legacy');
    expect(await t.store.readLast(subject)).to.equal(undefined);
    const object = deployment('legacy');
    const v1: Envelope = {
      ...upserted(subject, object),
      version: 1,
      data: { apiVersion: 'apps/v1', plural: 'deployments', object },
    };
    const { seq } = await t.store.append(subject, v1, { expectedSeq: 0 });
    const last = await t.store.readLast(subject);
    expect(last).to.deep.include({ seq, version: 2, id: v1.id });
    expect(last && ResourceUpserted.is(last) && last.data.resource).to.deep.equal({
      group: 'apps',
      version: 'v1',
      resource: 'deployments',
    });
  });

  it('appendBatch pipelines, keeps input order and reports per-item errors', async () => {
    const taken = t.subjects.template(deployments, 'batch', 'taken');
    await t.store.append(taken, upserted(taken, deployment('taken')), { expectedSeq: 0 });
    const items = Array.from({ length: 50 }, (_, i) => {
      const subject = i === 25 ? taken : t.subjects.template(deployments, 'batch', `item-${i}`);
      return { subject, envelope: upserted(subject, deployment(`item-${i}`)), expectedSeq: 0 };
    });
    const outcomes = await t.store.appendBatch(items, { window: 8 });
    expect(outcomes).to.have.length(50);
    const failed = outcomes.flatMap((o, i) => (o.ok ? [] : [{ i, error: o.error }]));
    expect(failed.map((f) => f.i)).to.deep.equal([25]);
    expect(failed[0]!.error).to.be.instanceOf(ConcurrencyConflictError);
    const seqs = outcomes.flatMap((o) => (o.ok ? [o.seq] : []));
    expect(seqs).to.deep.equal([...seqs].sort((a, b) => a - b));
  });

  it('replay streams a filter in order from a sequence and ends when caught up', async () => {
    const kind = { group: 'apps', resource: 'replicasets' };
    const seqs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const subject = t.subjects.template(kind, 'replay', `r-${i}`);
      seqs.push((await t.store.append(subject, upserted(subject, deployment(`r-${i}`)), { expectedSeq: 0 })).seq);
    }
    const all: number[] = [];
    for await (const e of t.store.replay(t.subjects.templateFilter(kind))) all.push(e.seq);
    expect(all).to.deep.equal(seqs);
    const tail: number[] = [];
    for await (const e of t.store.replay(t.subjects.templateFilter(kind), { fromSeq: seqs[3]! })) tail.push(e.seq);
    expect(tail).to.deep.equal(seqs.slice(3));
    expect(await t.store.lastSequence(t.subjects.templateFilter(kind))).to.equal(seqs[4]);
  });

  it('replay of a filter without messages ends at once', async () => {
    const seen: StoredEvent[] = [];
    for await (const e of t.store.replay(t.subjects.templateFilter({ group: 'x', resource: 'nothing' }))) seen.push(e);
    expect(seen).to.deep.equal([]);
    expect(await t.store.lastSequence(t.subjects.templateFilter({ group: 'x', resource: 'nothing' }))).to.equal(0);
  });

  it('replay skips messages that are not envelopes when told to, and fails on them otherwise', async () => {
    const kind = { group: 'x', resource: 'junk' };
    const subject = t.subjects.template(kind, undefined, 'j');
    const junk = await jetstream(t.nc).publish(subject, 'not json');
    await t.store.append(subject, upserted(subject, deployment('j')), { expectedSeq: junk.seq });
    const skipped: number[] = [];
    const seen: number[] = [];
    for await (const e of t.store.replay(t.subjects.templateFilter(kind), { onUndecodable: (seq) => skipped.push(seq) })) {
      seen.push(e.seq);
    }
    expect(skipped).to.deep.equal([junk.seq]);
    expect(seen).to.deep.equal([junk.seq + 1]);
    const consume = async () => {
      for await (const _ of t.store.replay(t.subjects.templateFilter(kind))) void _;
    };
    await expect(consume()).to.be.rejectedWith(/not JSON/);
  });

  it('provisionStream is idempotent and updates settings', async () => {
    const spec = { name: t.subjects.stream, subjects: t.subjects.streamSubjects(), duplicateWindowMs: 30_000 };
    await provisionStream(t.jsm, spec);
    const info = await provisionStream(t.jsm, spec);
    expect(info.config.duplicate_window).to.equal(30_000 * 1e6);
    expect(info.config.allow_direct).to.equal(true);
    expect(info.state.messages).to.be.greaterThan(0);
  });
});
