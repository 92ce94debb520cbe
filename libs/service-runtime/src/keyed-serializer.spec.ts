import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { KeyedSerializer } from './keyed-serializer.js';

/** A task that records when it starts and finishes, and finishes when told to. */
function gate(log: string[], name: string) {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    open,
    task: async () => {
      log.push(`${name} start`);
      await opened;
      log.push(`${name} end`);
    },
  };
}

chai.use(chaiAsPromised);
const { expect } = chai;

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedSerializer', () => {
  it('runs the tasks of one key one after another, in order', async () => {
    const log: string[] = [];
    const serializer = new KeyedSerializer();
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const done = [serializer.run('k', a.task), serializer.run('k', b.task)];
    await tick();
    expect(log).to.deep.equal(['a start']);
    a.open();
    b.open();
    await Promise.all(done);
    expect(log).to.deep.equal(['a start', 'a end', 'b start', 'b end']);
  });

  it('runs different keys side by side, and a failure does not block the next task', async () => {
    const log: string[] = [];
    const serializer = new KeyedSerializer();
    const slow = gate(log, 'slow');
    const running = serializer.run('k1', slow.task);
    const failing = serializer.run('k2', async () => {
      throw new Error('boom');
    });
    await expect(failing).to.be.rejectedWith('boom');
    await serializer.run('k2', async () => void log.push('after failure'));
    expect(log).to.deep.equal(['slow start', 'after failure']);
    slow.open();
    await running;
  });

  it('coalesces triggers while one is still waiting to start', async () => {
    const log: string[] = [];
    const serializer = new KeyedSerializer();
    const busy = gate(log, 'busy');
    const running = serializer.run('k', busy.task);
    let syncs = 0;
    const sync = async () => void (syncs += 1);
    const triggers = [serializer.coalesce('k', sync), serializer.coalesce('k', sync), serializer.coalesce('k', sync)];
    busy.open();
    await Promise.all([running, ...triggers]);
    expect(syncs).to.equal(1);
    await serializer.coalesce('k', sync);
    expect(syncs).to.equal(2);
  });

  it('runs a task over several keys after every earlier task of any of them, and before later ones', async () => {
    const log: string[] = [];
    const serializer = new KeyedSerializer();
    const a = gate(log, 'a');
    const b = gate(log, 'b');
    const both = gate(log, 'a+b');
    const c = gate(log, 'c');
    const done = [
      serializer.run('a', a.task),
      serializer.run('b', b.task),
      serializer.runExclusive(['a', 'b', 'a'], both.task),
      serializer.run('b', c.task),
      serializer.run('other', async () => void log.push('other')),
    ];
    await tick();
    expect(log).to.deep.equal(['a start', 'b start', 'other']);
    a.open();
    await tick();
    expect(log).to.deep.equal(['a start', 'b start', 'other', 'a end']);
    b.open();
    await tick();
    expect(log.slice(4)).to.deep.equal(['b end', 'a+b start']);
    both.open();
    c.open();
    await Promise.all(done);
    expect(log.slice(6)).to.deep.equal(['a+b end', 'c start', 'c end']);
  });

  it('does not deadlock tasks claiming overlapping keys in different orders', async () => {
    const serializer = new KeyedSerializer();
    const order: string[] = [];
    await Promise.all([
      serializer.runExclusive(['x', 'y'], async () => void order.push('xy')),
      serializer.runExclusive(['y', 'x'], async () => void order.push('yx')),
      serializer.runExclusive(['y', 'z'], async () => void order.push('yz')),
    ]);
    expect(order).to.deep.equal(['xy', 'yx', 'yz']);
  });
});
