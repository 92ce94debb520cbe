import { expect } from 'chai';
import type { Envelope } from '@karmada-ts/contracts';
import { EventTypeCounter } from '../src/propagate/event-type-counter.js';

const event = (seq: number, type: string) => ({ seq, storedAtMs: 0, envelope: { type } as Envelope });

describe('EventTypeCounter', () => {
  it('counts nothing before the start is set', () => {
    const counter = new EventTypeCounter();
    counter.add(event(1, 'A'));
    expect(counter.counts(10)).to.deep.equal({});
  });

  it('counts the events after the start by type, the most frequent first', () => {
    const counter = new EventTypeCounter();
    counter.add(event(4, 'Setup'));
    counter.startAfter(4);
    for (const [seq, type] of [[5, 'A'], [6, 'B'], [7, 'B'], [8, 'C'], [9, 'B']] as const) counter.add(event(seq, type));
    expect(Object.entries(counter.counts(5))).to.deep.equal([['B', 3], ['A', 1], ['C', 1]]);
  });

  it("stops at the run's last event, and leaves out events the reader has not seen", () => {
    const counter = new EventTypeCounter();
    counter.startAfter(10);
    counter.add(event(11, 'A'));
    counter.add(event(13, 'A'));
    counter.add(event(14, 'Later'));
    expect(counter.counts(3)).to.deep.equal({ A: 2 });
  });
});
