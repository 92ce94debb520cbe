import { expect } from 'chai';
import { TimerQueue } from './timer-queue.js';

describe('TimerQueue', () => {
  it('runs callbacks in due order with one timer', async () => {
    const queue = new TimerQueue();
    const order: number[] = [];
    const done = new Promise<void>((resolve) => {
      for (const delay of [30, 0, 10, 20, 10]) queue.schedule(delay, () => {
        order.push(delay);
        if (order.length === 5) resolve();
      });
    });
    await done;
    expect(order).to.deep.equal([0, 10, 10, 20, 30]);
    queue.stop();
  });

  it('drops everything when stopped', async () => {
    const queue = new TimerQueue();
    let ran = false;
    queue.schedule(5, () => (ran = true));
    queue.stop();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).to.equal(false);
  });
});
