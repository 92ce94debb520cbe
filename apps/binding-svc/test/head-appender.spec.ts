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

/** A binding status that says only its FullyApplied condition's status. */
function statusSaying(fully: 'True' | 'False'): BindingStatusAggregatedData {
  return {
    binding: { namespace: 'default', name: 'nginx-deployment', uid: 'uid-1' },
    aggregatedStatus: [],
    conditions: [{ type: 'FullyApplied', status: fully, reason: 'r', message: 'm', lastTransitionTime: '2026-01-01T00:00:00Z' }],
  } as unknown as BindingStatusAggregatedData;
}

function fullyOf(event: LastEvent | undefined): string | undefined {
  return (event?.data as BindingStatusAggregatedData | undefined)?.conditions[0]?.status;
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

  /** A decision that wants the subject to say `fully`, made first on `known`. */
  function wanting(fully: 'True' | 'False', known: LastEvent | undefined): SubjectDecision {
    return {
      subject,
      cause: cause(),
      known,
      decide: (head) => (fullyOf(head) === fully ? undefined : decided(BindingStatusAggregated, statusSaying(fully))),
    };
  }

  async function head(): Promise<LastEvent | undefined> {
    return store.readLast(subject);
  }

  it('decides on the head, not on a read model older than its own last append, and remembers what it appended', async () => {
    const appender = new HeadAppender(store);
    // Another process says False; the read model knows that event.
    const first = await store.append(subject, { ...cause(), subject, data: statusSaying('False') }, { expectedSeq: 0 });
    const readModel: LastEvent = { type: BindingStatusAggregated.type, data: statusSaying('False'), seq: first.seq };
    expect(appender.appendedSince(subject, first.seq)).to.equal(false);

    expect(await appender.apply([wanting('True', readModel)])).to.equal(1);
    const appended = (await head())!;
    expect(fullyOf(appended)).to.equal('True');
    expect(appender.appendedSince(subject, appended.seq)).to.equal(true);
    expect(appender.appendedSince(subject, appended.seq + 1)).to.equal(false);

    // The read model still trails (it knows only the first event): on it, False would look like "nothing to change".
    expect(await appender.apply([wanting('False', readModel)])).to.equal(1);
    const corrected = (await head())!;
    expect(fullyOf(corrected)).to.equal('False');
    expect(corrected.seq).to.be.greaterThan(appended.seq);
  });

  it('decides on the read model when it is as new as its own last append, and appends nothing that is already said', async () => {
    const appender = new HeadAppender(store);
    const current = (await head())!;
    expect(await appender.apply([wanting(fullyOf(current) as 'True' | 'False', current)])).to.equal(0);
    expect((await head())!.seq).to.equal(current.seq);
  });

  it('does not count an event another process appended after its own as its own', async () => {
    const appender = new HeadAppender(store);
    const before = (await head())!;
    expect(await appender.apply([wanting(fullyOf(before) === 'True' ? 'False' : 'True', before)])).to.equal(1);
    const own = (await head())!;
    const other = await store.append(subject, { ...cause(), subject, data: statusSaying(fullyOf(own) === 'True' ? 'False' : 'True') }, { expectedSeq: own.seq });
    expect(appender.appendedSince(subject, own.seq)).to.equal(true);
    expect(appender.appendedSince(subject, other.seq)).to.equal(false);
  });
});
