import { expect } from 'chai';
import { ProjectionWriter, type SqlRunner, type TableSpec } from './projection-writer.js';

describe('ProjectionWriter', () => {
  const statuses: TableSpec = { table: 'statuses', key: ['name'], upsertOnly: true };
  const nothingRuns: SqlRunner = {
    query: () => Promise.reject(new Error('no statement expected')),
    transaction: () => Promise.reject(new Error('no transaction expected')),
  };

  it('refuses to delete a row of an upsert-only table, which keeps no version for the deletion', () => {
    const writer = new ProjectionWriter(nothingRuns);
    expect(() => writer.delete(statuses, { name: 'a' }, 3)).to.throw('statuses: rows of an upsert-only table are never deleted');
  });

  it('writes the sequence into the row itself, and refuses a row that brings its own', async () => {
    const written: unknown[][] = [];
    const writer = new ProjectionWriter({ ...nothingRuns, query: async (_sql, params = []) => void written.push([...params]) });
    expect(() => writer.upsert(statuses, { name: 'a', seq: 1 }, 3)).to.throw('statuses: the writer sets "seq" itself');
    writer.upsert(statuses, { name: 'a', state: 'old' }, 3);
    writer.upsert(statuses, { name: 'a', state: 'new' }, 5);
    await writer.flush();
    expect(written).to.deep.equal([[JSON.stringify([{ name: 'a', state: 'new', seq: 5 }])]]);
  });
});
