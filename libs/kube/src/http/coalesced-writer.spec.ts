import { expect } from 'chai';
import { setImmediate as nextCheckPhase } from 'node:timers/promises';
import { CoalescedWriter } from './coalesced-writer.js';

/** Runs the steps, one turn of the event loop each (a step of lines, or 'flush'), and returns what reached the sink. */
async function chunksOf(steps: readonly (readonly string[] | 'flush')[]): Promise<string[]> {
  const chunks: string[] = [];
  const writer = new CoalescedWriter({ write: (chunk) => chunks.push(chunk) });
  for (const step of steps) {
    if (step === 'flush') writer.flush();
    else for (const line of step) writer.write(line);
    await nextCheckPhase();
  }
  return chunks;
}

describe('CoalescedWriter (watch lines of one event-loop turn leave as one chunk)', () => {
  const cases: { name: string; steps: (readonly string[] | 'flush')[]; chunks: string[] }[] = [
    { name: 'one line', steps: [['a\n']], chunks: ['a\n'] },
    { name: 'three lines in one turn, in order', steps: [['a\n', 'b\n', 'c\n']], chunks: ['a\nb\nc\n'] },
    { name: 'two turns', steps: [['a\n', 'b\n'], ['c\n']], chunks: ['a\nb\n', 'c\n'] },
    { name: 'nothing written', steps: [[]], chunks: [] },
    { name: 'a flush with nothing gathered', steps: ['flush'], chunks: [] },
  ];
  for (const c of cases) it(c.name, async () => expect(await chunksOf(c.steps)).to.deep.equal(c.chunks));

  it('flush() writes what is gathered at once, and the scheduled write then writes nothing more', async () => {
    const chunks: string[] = [];
    const writer = new CoalescedWriter({ write: (chunk) => chunks.push(chunk) });
    writer.write('a\n');
    writer.write('b\n');
    writer.flush();
    expect(chunks).to.deep.equal(['a\nb\n']);
    await nextCheckPhase();
    expect(chunks).to.deep.equal(['a\nb\n']);
  });
});
