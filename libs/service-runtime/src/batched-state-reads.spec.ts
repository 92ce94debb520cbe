import { expect } from 'chai';
import type { StateKey, StateRow } from '@karmada-ts/projections';
import { BatchedStateReads } from './batched-state-reads.js';

type Row = StateRow<string>;

/** A table of rows whose getMany records its (kind, namespace, names) calls. */
function table(rows: readonly [kind: string, namespace: string, name: string][]) {
  const calls: string[] = [];
  const reads = new BatchedStateReads<string>({
    getMany: async (kind, namespace, names) => {
      calls.push(`${kind}/${namespace}: ${names.join(',')}`);
      return rows
        .filter(([k, ns, n]) => k === kind && ns === namespace && names.includes(n))
        .map(([k, ns, n], seq): Row => ({ kind: k, namespace: ns, name: n, state: `${k}/${ns}/${n}`, seq }));
    },
  });
  return { calls, reads };
}

describe('BatchedStateReads (point reads of one moment, one query per kind and namespace)', () => {
  const rows: [string, string, string][] = [
    ['clusters', '', 'm1'],
    ['clusters', '', 'm2'],
    ['secrets', 'karmada-cluster', 'm1'],
    ['secrets', 'other', 'm1'],
  ];
  const cases: { name: string; keys: StateKey[]; calls: string[]; states: (string | undefined)[] }[] = [
    {
      name: 'reads of one kind and namespace go in one query',
      keys: [{ kind: 'clusters', namespace: '', name: 'm1' }, { kind: 'clusters', namespace: '', name: 'm2' }],
      calls: ['clusters/: m1,m2'],
      states: ['clusters//m1', 'clusters//m2'],
    },
    {
      name: 'each kind and namespace gets its own query, and each read its own row',
      keys: [
        { kind: 'secrets', namespace: 'karmada-cluster', name: 'm1' },
        { kind: 'clusters', namespace: '', name: 'm1' },
        { kind: 'secrets', namespace: 'other', name: 'm1' },
      ],
      calls: ['secrets/karmada-cluster: m1', 'clusters/: m1', 'secrets/other: m1'],
      states: ['secrets/karmada-cluster/m1', 'clusters//m1', 'secrets/other/m1'],
    },
    {
      name: 'a row that does not exist reads as undefined',
      keys: [{ kind: 'clusters', namespace: '', name: 'gone' }, { kind: 'clusters', namespace: '', name: 'm2' }],
      calls: ['clusters/: gone,m2'],
      states: [undefined, 'clusters//m2'],
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const { calls, reads } = table(rows);
      const found = await Promise.all(c.keys.map((key) => reads.get(key)));
      expect(calls).to.deep.equal(c.calls);
      expect(found.map((row) => row?.state)).to.deep.equal(c.states);
    });
  }

  it('reads asked for apart are queried apart (each as fresh as a get at that moment)', async () => {
    const { calls, reads } = table(rows);
    await reads.get({ kind: 'clusters', namespace: '', name: 'm1' });
    await reads.get({ kind: 'clusters', namespace: '', name: 'm2' });
    expect(calls).to.deep.equal(['clusters/: m1', 'clusters/: m2']);
  });
});
