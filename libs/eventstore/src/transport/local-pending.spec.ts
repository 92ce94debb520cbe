import { expect } from 'chai';
import { localPending, type DeliveryState } from './local-pending.js';

describe('localPending', () => {
  const retryMs = 60_000;
  const now = 100_000;
  const caughtUp: DeliveryState = { pulling: true, lastKnownPending: 0, busy: false, lastRetryAt: Number.NEGATIVE_INFINITY };
  const cases: { name: string; state: DeliveryState; expected: 0 | undefined }[] = [
    { name: 'idle, the last count 0', state: caughtUp, expected: 0 },
    { name: 'nothing counted yet', state: { ...caughtUp, lastKnownPending: undefined }, expected: undefined },
    { name: 'idle, more pending at the last count', state: { ...caughtUp, lastKnownPending: 3 }, expected: undefined },
    { name: 'busy, the last count 0 (more may have been appended since)', state: { ...caughtUp, busy: true }, expected: undefined },
    { name: 'the pull loop ended', state: { ...caughtUp, pulling: false }, expected: undefined },
    { name: 'a redelivery still to come', state: { ...caughtUp, lastRetryAt: now - retryMs + 1 }, expected: undefined },
    { name: 'a retry long past', state: { ...caughtUp, lastRetryAt: now - retryMs }, expected: 0 },
  ];
  for (const { name, state, expected } of cases) {
    it(name, () => expect(localPending(state, now, retryMs)).to.equal(expected));
  }
});
