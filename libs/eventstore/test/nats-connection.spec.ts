import type { Socket } from 'node:net';
import { expect } from 'chai';
import { uniqueName } from '@karmada-ts/testing';
import type { NatsConnection, NatsConnectionImpl } from '@nats-io/transport-node';
import { connectNats } from '@karmada-ts/eventstore';
import { natsUrl } from './support.js';

/** Counts the writes the connection's socket hands to the system, and the frames it was given. */
function countWrites(nc: NatsConnection): { writes: number; frames: number } {
  const { socket } = (nc as NatsConnectionImpl).protocol.transport as unknown as { socket: Socket & { _write: Function; _writev: Function } };
  const counts = { writes: 0, frames: 0 };
  const { _write: write, _writev: writev } = socket;
  socket._write = function (this: Socket, ...args: unknown[]) {
    counts.writes += 1;
    counts.frames += 1;
    return write.apply(this, args);
  };
  socket._writev = function (this: Socket, chunks: unknown[], ...rest: unknown[]) {
    counts.writes += 1;
    counts.frames += chunks.length;
    return writev.apply(this, [chunks, ...rest]);
  };
  return counts;
}

describe('connectNats (the coalescing transport, real NATS)', () => {
  let nc: NatsConnection;
  let subject: string;
  beforeEach(async () => {
    nc = await connectNats({ servers: natsUrl });
    subject = uniqueName('coalesce').replace(/_/g, '-');
  });
  afterEach(() => nc.close());

  it('writes the publishes of several callbacks of one turn in one system call, in order', async () => {
    const received: string[] = [];
    const all = new Promise<void>((resolve) => {
      nc.subscribe(subject, {
        max: 10,
        callback: (_error, msg) => {
          if (received.push(msg.string()) === 10) resolve();
        },
      });
    });
    await nc.flush();
    const counts = countWrites(nc);
    // Ten timers due at once run in one timers phase of one turn; each publish is flushed at its own microtask
    // checkpoint, which without the cork is a write of its own.
    await new Promise<void>((resolve) => {
      for (let i = 0; i < 10; i++) setTimeout(() => nc.publish(subject, `m${i}`), 0);
      setTimeout(resolve, 0);
    });
    await all;
    expect(received).to.deep.equal(Array.from({ length: 10 }, (_, i) => `m${i}`));
    expect(counts.frames).to.be.at.least(10);
    expect(counts.writes).to.equal(1);
  });

  it('requests and flushes are answered as on the plain transport', async () => {
    nc.subscribe(subject, {
      callback: (_error, msg) => {
        msg.respond(`answer to ${msg.string()}`);
      },
    });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => nc.request(subject, `q${i}`, { timeout: 5_000 })));
    expect(answers.map((a) => a.string())).to.deep.equal(Array.from({ length: 20 }, (_, i) => `answer to q${i}`));
    await nc.flush();
  });
});
