import { expect } from 'chai';
import { batchStatements, type BatchWrites, type GuardedWrite } from './batch-statement.js';
import type { TableSpec } from './projection-writer.js';

const versioned: TableSpec = { table: 'objects', key: ['name'] };
const upsertOnly: TableSpec = { table: 'statuses', key: ['name'], upsertOnly: true };

function write(table: TableSpec, name: string, op: GuardedWrite['op'] = 'upsert'): GuardedWrite {
  return { table, rowKey: JSON.stringify([name]), seq: 7, row: { name, seq: 7 }, op };
}

/** Each statement as its CTEs, each CTE with the CTEs it reads (which Postgres therefore runs before it). */
function shape(writes: BatchWrites): Record<string, string[]>[] {
  return batchStatements(writes).map(({ sql }) => {
    const parts = [...sql.matchAll(/(?:WITH |,\n)(\w+) AS \(/g)].map((m) => m[1]!);
    const bodies = sql.split(/(?:WITH |,\n)\w+ AS \(/).slice(1);
    return Object.fromEntries(parts.map((name, i) => [name, parts.filter((other) => new RegExp(`FROM ${other}\\b`).test(bodies[i]!))]));
  });
}

describe('batchStatements: the statements of a batch and the order their locks are taken in', () => {
  const checkpoint = { consumer: 'svc-consumer', seq: 9 };
  const cases: { name: string; writes: BatchWrites; expected: Record<string, string[]>[] }[] = [
    { name: 'nothing to write', writes: { guarded: [], inserts: [] }, expected: [] },
    { name: 'only a checkpoint', writes: { guarded: [], inserts: [], checkpoint }, expected: [{ checkpoint: [] }] },
    {
      name: 'versioned upserts: claims, then the checkpoint, then the rows',
      writes: { guarded: [write(versioned, 'a'), write(versioned, 'b')], inserts: [], checkpoint },
      expected: [{ claimed: [], upsert1: ['claimed'], checkpoint: ['claimed'] }],
    },
    {
      name: 'upsert-only rows claim nothing and are locked before the checkpoint',
      writes: { guarded: [write(upsertOnly, 'a')], inserts: [], checkpoint },
      expected: [{ upsert0: [], checkpoint: ['upsert0'] }],
    },
    {
      name: 'both kinds: claims, upsert-only rows, checkpoint',
      writes: { guarded: [write(upsertOnly, 'a'), write(versioned, 'b')], inserts: [], checkpoint },
      expected: [{ claimed: [], upsert1: ['claimed'], upsert2: ['claimed'], checkpoint: ['claimed', 'upsert1'] }],
    },
    {
      name: 'a delete: claimed in the first statement, deleted in a second',
      writes: { guarded: [write(versioned, 'a', 'delete'), write(versioned, 'b')], inserts: [], checkpoint },
      expected: [{ claimed: [], upsert1: ['claimed'], checkpoint: ['claimed'] }, { delete0: [] }],
    },
    {
      name: 'inserts once, with no guarded rows',
      writes: { guarded: [], inserts: [{ table: 'history', row: { seq: 7 } }], checkpoint },
      expected: [{ insert0: [], checkpoint: [] }],
    },
  ];
  for (const c of cases) it(c.name, () => expect(shape(c.writes)).to.deep.equal(c.expected));

  it('deletes a row only where its version is the delete\'s own sequence', () => {
    const [, second] = batchStatements({ guarded: [write(versioned, 'a', 'delete')], inserts: [], checkpoint });
    expect(second!.sql).to.match(/DELETE FROM "objects" AS t USING .* projection_row_versions AS v\s+WHERE t\."name" = d\."name" AND v\.table_name = \$\d+::text AND v\.row_key = d\.unnest AND v\.seq = d\."seq"/s);
  });
});
