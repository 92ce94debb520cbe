import { expect } from 'chai';
import { ApplyRetries, applyRetryDelayMs } from './apply-retries.js';

describe('applyRetryDelayMs', () => {
  const cases: { attempt: number; want: number }[] = [
    { attempt: 0, want: 1_000 },
    { attempt: 1, want: 2_000 },
    { attempt: 5, want: 32_000 },
    { attempt: 8, want: 256_000 },
    { attempt: 9, want: 300_000 },
    { attempt: 1_000, want: 300_000 },
  ];
  for (const c of cases) {
    it(`retry ${c.attempt} waits ${c.want} ms`, () => expect(applyRetryDelayMs(c.attempt)).to.equal(c.want));
  }
});

describe('ApplyRetries', () => {
  it('runs a scheduled retry once, and never one cancelled or planned after the service stopped', async () => {
    const retries = new ApplyRetries();
    const ran: string[] = [];
    retries.schedule('a', 1, async () => void ran.push('a'));
    retries.schedule('b', 1, async () => void ran.push('b'));
    retries.cancel('b');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(ran).to.deep.equal(['a']);
    retries.onModuleDestroy();
    retries.schedule('c', 1, async () => void ran.push('c'));
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(ran).to.deep.equal(['a']);
  });
});
