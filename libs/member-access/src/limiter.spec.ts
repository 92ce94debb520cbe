import { expect } from 'chai';
import { ClusterLimiter, mapWithLimit, Semaphore } from './limiter.js';

/** A task that runs until the test lets it finish. */
function gate(): { task: () => Promise<void>; open: () => void; started: boolean } {
  let open!: () => void;
  const done = new Promise<void>((resolve) => (open = resolve));
  const g = {
    started: false,
    open: () => open(),
    task: async () => {
      g.started = true;
      await done;
    },
  };
  return g;
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('Semaphore', () => {
  it('runs at most `limit` tasks, the rest in arrival order', async () => {
    const s = new Semaphore(2);
    const gates = [gate(), gate(), gate(), gate()];
    const runs = gates.map((g) => s.run(g.task));
    await settle();
    expect(gates.map((g) => g.started)).to.deep.equal([true, true, false, false]);
    expect({ active: s.active, queued: s.queued }).to.deep.equal({ active: 2, queued: 2 });
    gates[1]!.open();
    await settle();
    expect(gates.map((g) => g.started)).to.deep.equal([true, true, true, false]);
    for (const g of gates) g.open();
    await Promise.all(runs);
    expect({ active: s.active, queued: s.queued }).to.deep.equal({ active: 0, queued: 0 });
  });

  it('frees the slot of a task that fails', async () => {
    const s = new Semaphore(1);
    await s.run(() => Promise.reject(new Error('boom'))).catch(() => undefined);
    expect(await s.run(async () => 'next')).to.equal('next');
  });

  it('refuses a limit below one', () => {
    expect(() => new Semaphore(0)).to.throw(RangeError);
  });
});

describe('ClusterLimiter', () => {
  it('a member at its own limit queues behind itself while others use the global slots', async () => {
    const limiter = new ClusterLimiter({ perCluster: 2, global: 3 });
    const slow = [gate(), gate(), gate(), gate()];
    const slowRuns = slow.map((g) => limiter.run('slow', g.task));
    await settle();
    expect(slow.map((g) => g.started)).to.deep.equal([true, true, false, false]);
    expect(limiter.load('slow')).to.deep.equal({ active: 2, queued: 2 });
    expect(limiter.load()).to.deep.equal({ active: 2, queued: 0 });

    const fast = gate();
    const fastRun = limiter.run('fast', fast.task);
    await settle();
    expect(fast.started).to.equal(true);

    // The global limit holds too: a third member waits for a global slot.
    const third = gate();
    const thirdRun = limiter.run('third', third.task);
    await settle();
    expect(third.started).to.equal(false);
    fast.open();
    await fastRun;
    await settle();
    expect(third.started).to.equal(true);

    for (const g of [...slow, third]) g.open();
    await Promise.all([...slowRuns, thirdRun]);
    expect(limiter.load('slow')).to.deep.equal({ active: 0, queued: 0 });
  });
});

describe('mapWithLimit', () => {
  it('keeps the order of the items and bounds the calls in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const result = await mapWithLimit([5, 1, 4, 2, 3], 2, async (n) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      for (let i = 0; i < n; i++) await settle();
      inFlight -= 1;
      return n * 10;
    });
    expect(result).to.deep.equal([50, 10, 40, 20, 30]);
    expect(peak).to.equal(2);
  });

  it('maps nothing to nothing', async () => {
    expect(await mapWithLimit([], 3, async () => 1)).to.deep.equal([]);
  });
});
