import { expect } from 'chai';
import { BatchLoader } from './batch-loader.js';

/** A loader over `values` that records the keys of each call. */
function recording(values: Record<string, number>, maxBatch?: number) {
  const calls: string[][] = [];
  const loader = new BatchLoader<string, number>(
    (key) => key,
    async (keys) => {
      calls.push(keys);
      return new Map(keys.flatMap((key) => (key in values ? [[key, values[key]!] as const] : [])));
    },
    maxBatch,
  );
  return { calls, loader };
}

describe('BatchLoader', () => {
  const cases: { name: string; bursts: string[][]; maxBatch?: number; calls: string[][]; values: (number | undefined)[][] }[] = [
    { name: 'one read', bursts: [['a']], calls: [['a']], values: [[1]] },
    { name: 'reads asked for together go in one call', bursts: [['a', 'b', 'c']], calls: [['a', 'b', 'c']], values: [[1, 2, undefined]] },
    { name: 'a key asked for twice is loaded once', bursts: [['a', 'a', 'b']], calls: [['a', 'b']], values: [[1, 1, 2]] },
    { name: 'reads asked for apart go in calls of their own', bursts: [['a'], ['b']], calls: [['a'], ['b']], values: [[1], [2]] },
    { name: 'more keys than a call takes are split', bursts: [['a', 'b', 'c']], maxBatch: 2, calls: [['a', 'b'], ['c']], values: [[1, 2, undefined]] },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const { calls, loader } = recording({ a: 1, b: 2 }, c.maxBatch);
      const values: (number | undefined)[][] = [];
      for (const burst of c.bursts) values.push(await Promise.all(burst.map((key) => loader.load(key))));
      expect(calls).to.deep.equal(c.calls);
      expect(values).to.deep.equal(c.values);
    });
  }

  it('fails every read of a call that failed, and serves the next burst anew', async () => {
    let fail = true;
    const loader = new BatchLoader<string, number>(
      (key) => key,
      async (keys) => {
        if (fail) throw new Error('database gone');
        return new Map(keys.map((key) => [key, 7]));
      },
    );
    const outcomes = await Promise.allSettled([loader.load('a'), loader.load('b')]);
    expect(outcomes.map((o) => o.status)).to.deep.equal(['rejected', 'rejected']);
    expect((outcomes[0] as PromiseRejectedResult).reason).to.have.property('message', 'database gone');
    fail = false;
    expect(await loader.load('a')).to.equal(7);
  });
});
