import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { uniqueName } from '@karmada-ts/testing';
import { connect } from '@nats-io/transport-node';
import { headers, type Msg, type NatsConnection } from '@nats-io/nats-core';
import { NoResponderError, ReplyInbox, RequestTimeoutError } from '@karmada-ts/eventstore';
import { natsUrl } from './support.js';

chai.use(chaiAsPromised);
const { expect } = chai;

describe('ReplyInbox (requests on one inbox subscription, real NATS)', () => {
  let nc: NatsConnection;
  let subject: string;
  before(async () => {
    nc = await connect({ servers: natsUrl });
  });
  after(() => nc.drain());
  beforeEach(() => {
    subject = uniqueName('inbox').replace(/_/g, '-');
  });

  /** A responder that holds `count` requests and answers them in reverse order, each with its own payload. */
  function reverseResponder(count: number): void {
    const held: Msg[] = [];
    nc.subscribe(subject, {
      max: count,
      callback: (_error, msg) => {
        held.push(msg);
        if (held.length === count) for (const m of held.reverse()) m.respond(`answer to ${m.string()}`);
      },
    });
  }

  it('many requests in flight each get their own answer, whatever order the answers come in', async () => {
    const inbox = new ReplyInbox(nc);
    reverseResponder(50);
    await nc.flush();
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => inbox.request(subject, `q${i}`)));
    expect(answers.map((a) => a.string())).to.deep.equal(Array.from({ length: 50 }, (_, i) => `answer to q${i}`));
    expect(inbox.size).to.equal(0);
    inbox.close();
  });

  it('headers go with the request', async () => {
    const inbox = new ReplyInbox(nc);
    nc.subscribe(subject, { max: 1, callback: (_error, msg) => void msg.respond(msg.headers?.get('X-Test') ?? 'none') });
    await nc.flush();
    const h = headers();
    h.set('X-Test', 'carried');
    expect((await inbox.request(subject, 'q', h)).string()).to.equal('carried');
    inbox.close();
  });

  it('a subject nobody listens on rejects with NoResponderError naming it', async () => {
    const inbox = new ReplyInbox(nc);
    const failure = await inbox.request(subject, 'q').then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).to.be.instanceOf(NoResponderError);
    expect((failure as Error).message).to.include(subject);
    expect(inbox.size).to.equal(0);
    inbox.close();
  });

  it('a request without an answer times out at the sweep after its deadline, and a late answer is dropped', async () => {
    let clock = 0;
    const inbox = new ReplyInbox(nc, 1_000, () => clock);
    const held: Msg[] = [];
    nc.subscribe(subject, { max: 2, callback: (_error, msg) => void held.push(msg) });
    await nc.flush();
    const early = inbox.request(subject, 'early');
    clock = 500;
    const late = inbox.request(subject, 'late');
    clock = 1_000;
    inbox.expire();
    await expect(early).to.be.rejectedWith(RequestTimeoutError, /within 1000 ms/);
    expect(inbox.size).to.equal(1); // the later one still has time
    while (held.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    held[0]!.respond('too late');
    held[1]!.respond('in time');
    expect((await late).string()).to.equal('in time');
    expect(inbox.size).to.equal(0);
    inbox.close();
  });

  it('close rejects the requests in flight and every later one', async () => {
    const inbox = new ReplyInbox(nc);
    nc.subscribe(subject, { max: 1, callback: () => undefined });
    await nc.flush();
    const inFlight = inbox.request(subject, 'q');
    inbox.close(new Error('shutting down'));
    await expect(inFlight).to.be.rejectedWith('shutting down');
    await expect(inbox.request(subject, 'q')).to.be.rejectedWith('shutting down');
  });

  it('a closed connection rejects the requests in flight', async () => {
    const own = await connect({ servers: natsUrl });
    const inbox = new ReplyInbox(own);
    nc.subscribe(subject, { max: 1, callback: () => undefined });
    await nc.flush();
    const inFlight = inbox.request(subject, 'q');
    await own.close();
    await expect(inFlight).to.be.rejectedWith(/connection is closed/);
  });
});
