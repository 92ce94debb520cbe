import { expect } from 'chai';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { BindingStatusAggregated, newEnvelope, Subjects, type BindingStatusAggregatedData, type Envelope } from '@karmada-ts/contracts';
import { EventStore, provisionStream } from '@karmada-ts/eventstore';
import { uniqueName } from '@karmada-ts/testing';
import type { LastEvent } from '../src/read-models/read-model-tables.js';
import { bindingEvents } from '../src/events.js';
import { HeadAppender } from '../src/sync/head-appender.js';
import { decided, type SubjectDecision } from '../src/sync/subject-decision.js';

/** A binding status that says only its FullyApplied condition's status (and message). */
function statusSaying(fully: 'True' | 'False', message = 'm'): BindingStatusAggregatedData {
  return {
    binding: { namespace: 'default', name: 'nginx-deployment', uid: 'uid-1' },
    aggregatedStatus: [],
    conditions: [{ type: 'FullyApplied', status: fully, reason: 'r', message, lastTransitionTime: '2026-01-01T00:00:00Z' }],
  } as unknown as BindingStatusAggregatedData;
}

/** The FullyApplied condition an event says. */
function conditionOf(event: LastEvent | undefined): { status: string; message: string } | undefined {
  const conditions = (event?.data as BindingStatusAggregatedData | undefined)?.conditions as { status: string; message: string }[] | undefined;
  return conditions?.[0];
}

function fullyOf(event: LastEvent | undefined): string | undefined {
  return conditionOf(event)?.status;
}

function messageOf(event: LastEvent | undefined): string | undefined {
  return conditionOf(event)?.message;
}

describe('HeadAppender', function () {
  this.timeout(30_000);
  const subjects = new Subjects(uniqueName('ha').replace(/_/g, '-'));
  const subject = subjects.bindingStatus('default', 'nginx-deployment');
  let nc: NatsConnection;
  let store: EventStore;
  let causes = 0;

  before(async () => {
    nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
    await provisionStream(await jetstreamManager(nc), { name: subjects.stream, subjects: subjects.streamSubjects(), duplicateWindowMs: 60_000 });
    store = await EventStore.open(nc, { stream: subjects.stream, registry: bindingEvents });
  });

  after(async () => {
    await (await jetstreamManager(nc)).streams.delete(subjects.stream);
    await nc.drain();
  });

  function cause(): Envelope {
    causes += 1;
    const id = `cause-${causes}`;
    return newEnvelope(BindingStatusAggregated, {
      id,
      correlationId: id,
      causationId: id,
      subject: 'cause',
      time: '2026-01-01T00:00:00.000Z',
      actor: 'test',
      data: statusSaying('False'),
    });
  }

  /** A decision that wants the subject to say `fully` (with `message`), made first on `known`. */
  function wanting(fully: 'True' | 'False', known: LastEvent | undefined, message = 'm'): SubjectDecision {
    return {
      subject,
      cause: cause(),
      known,
      decide: (head) => (fullyOf(head) === fully && messageOf(head) === message ? undefined : decided(BindingStatusAggregated, statusSaying(fully, message))),
    };
  }

  async function head(): Promise<LastEvent | undefined> {
    return store.readLast(subject);
  }

  it('decides on the head, not on a read model older than its own last append, and counts that decision as settled', async () => {
    const appender = new HeadAppender(store);
    // Another process says False; the read model knows that event.
    const first = await store.append(subject, { ...cause(), subject, data: statusSaying('False') }, { expectedSeq: 0 });
    const readModel: LastEvent = { type: BindingStatusAggregated.type, data: statusSaying('False'), seq: first.seq };
    expect(appender.settled(subject, first.seq)).to.equal(false);

    expect(await appender.apply([wanting('True', readModel)])).to.equal(1);
    const appended = (await head())!;
    expect(fullyOf(appended)).to.equal('True');

    // The read model still trails (it knows only the first event): on it, False would look like "nothing to change".
    expect(await appender.apply([wanting('False', readModel)])).to.equal(1);
    const corrected = (await head())!;
    expect(fullyOf(corrected)).to.equal('False');
    expect(corrected.seq).to.be.greaterThan(appended.seq);
    // Decided on its own last append: settled, as is everything before.
    expect(appender.settled(subject, corrected.seq)).to.equal(true);
    expect(appender.settled(subject, first.seq)).to.equal(true);
  });

  it('counts as settled what it decided on a read model holding the head, not what it decided on another process’s head', async () => {
    const appender = new HeadAppender(store);
    const current = (await head())!;
    const opposite = (event: LastEvent) => (fullyOf(event) === 'True' ? 'False' : 'True');
    expect(await appender.apply([wanting(opposite(current), current)])).to.equal(1);
    const onReadModel = (await head())!;
    expect(appender.settled(subject, onReadModel.seq)).to.equal(true);
    expect(appender.settled(subject, onReadModel.seq - 1)).to.equal(true);
    expect(appender.settled(subject, onReadModel.seq + 1)).to.equal(false);

    // A read model that trails an event of another process: the append conflicts, and is decided again on the head.
    const other = await store.append(subject, { ...cause(), subject, data: statusSaying(opposite(onReadModel)) }, { expectedSeq: onReadModel.seq });
    expect(appender.settled(subject, other.seq)).to.equal(false);
    expect(await appender.apply([wanting(fullyOf(onReadModel) as 'True' | 'False', onReadModel, 'a third status')])).to.equal(1);
    const onStreamHead = (await head())!;
    expect(messageOf(onStreamHead)).to.equal('a third status');
    expect(onStreamHead.seq).to.equal(other.seq + 1);
    expect(appender.settled(subject, onStreamHead.seq)).to.equal(false);
  });

  it('decides on the read model when it is as new as its own last append, and appends nothing that is already said', async () => {
    const appender = new HeadAppender(store);
    const current = (await head())!;
    expect(await appender.apply([wanting(fullyOf(current) as 'True' | 'False', current, messageOf(current))])).to.equal(0);
    expect((await head())!.seq).to.equal(current.seq);
  });

  it('remembers which reconcile made the last settled decision on a subject, appending or not', async () => {
    const appender = new HeadAppender(store);
    const opposite = (event: LastEvent) => (fullyOf(event) === 'True' ? 'False' : 'True');
    const current = (await head())!;
    expect(await appender.apply([wanting(opposite(current), current)], 7)).to.equal(1);
    const appended = (await head())!;
    expect(appender.decidedBy(subject)).to.equal(7);

    // The read model still trails that append: decided on the head, its own, which already says it.
    expect(await appender.apply([wanting(fullyOf(appended) as 'True' | 'False', current)], 8)).to.equal(0);
    expect(appender.decidedBy(subject)).to.equal(8);
    // A decision that names no reconcile.
    expect(await appender.apply([wanting(fullyOf(appended) as 'True' | 'False', appended)])).to.equal(0);
    expect(appender.decidedBy(subject)).to.equal(undefined);

    // Decided on another process's head: not settled, so no reconcile counts as having made it.
    const other = await store.append(subject, { ...cause(), subject, data: statusSaying(opposite(appended)) }, { expectedSeq: appended.seq });
    expect(await appender.apply([wanting(fullyOf(appended) as 'True' | 'False', appended, 'after another process')], 9)).to.equal(1);
    expect((await head())!.seq).to.equal(other.seq + 1);
    expect(appender.decidedBy(subject)).to.equal(undefined);
  });
});
