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
});
