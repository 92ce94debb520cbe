import { expect } from 'chai';
import { reconcileEach } from './reconcile-each.js';

describe('reconcileEach', () => {
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('reconciles every item, never more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await reconcileEach([1, 2, 3, 4, 5, 6, 7], async (n) => {
      running++;
      most = Math.max(most, running);
      await pause(n % 3);
      running--;
      done.push(n);
    }, 3);
    expect(done.sort()).to.deep.equal([1, 2, 3, 4, 5, 6, 7]);
    expect(most).to.equal(3);
  });

  it('tries every item when one fails, then throws the first failure', async () => {
    const done: number[] = [];
    const failing = reconcileEach([1, 2, 3, 4], async (n) => {
      await pause(1);
      if (n === 2 || n === 3) throw new Error(`item ${n}`);
      done.push(n);
    }, 2);
    await failing.then(
      () => expect.fail('expected a failure'),
      (error: Error) => expect(error.message).to.equal('item 2'),
    );
    expect(done.sort()).to.deep.equal([1, 4]);
  });

  it('does nothing for no items', async () => {
    await reconcileEach([], () => Promise.reject(new Error('never')));
  });
});
