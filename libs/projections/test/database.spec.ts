import { expect } from 'chai';
import pg from 'pg';
import { uniqueName } from '@karmada-ts/testing';
import { dropDatabase, ensureDatabase } from '../src/database.js';

const serverUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('ensureDatabase and dropDatabase', () => {
  it('creates the database a URL names once, and drops it even while a connection is open', async () => {
    const name = uniqueName('ensure');
    const url = `${serverUrl}/${name}`;
    await Promise.all([ensureDatabase(url), ensureDatabase(url)]);
    expect(await databaseExists(name)).to.equal(true);
    const open = new pg.Client({ connectionString: url });
    await open.connect();
    open.on('error', () => undefined);
    await dropDatabase(url);
    expect(await databaseExists(name)).to.equal(false);
    await open.end().catch(() => undefined);
    await dropDatabase(url);
  });

  it('refuses a URL that names no database', async () => {
    await ensureDatabase(serverUrl).then(
      () => expect.fail('should refuse'),
      (error: Error) => expect(error.message).to.match(/names no database/),
    );
  });
});
