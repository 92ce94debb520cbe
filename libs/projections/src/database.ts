import pg from 'pg';
import { quoteIdent } from './sql.js';

/**
 * A database that exists already: 42P04 when it existed before, 23505 (unique violation on pg_database) when another
 * process created it at the same moment.
 */
const databaseExists = new Set(['42P04', '23505']);

/**
 * Creates the database named in `databaseUrl` when it does not exist (connecting to the server's `postgres`
 * database to do so). Safe when several processes start at once.
 */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const { name, client } = await maintenanceConnection(databaseUrl);
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`).catch((err: { code?: string }) => {
        if (!databaseExists.has(err.code ?? '')) throw err;
      });
    }
  } finally {
    await client.end();
  }
}

/** Drops the database named in `databaseUrl`, closing its connections (tests and benchmarks clean up with it). */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const { name, client } = await maintenanceConnection(databaseUrl);
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** The database a URL names, and a connection to the server's `postgres` database to create or drop it. */
async function maintenanceConnection(databaseUrl: string): Promise<{ name: string; client: pg.Client }> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) throw new Error(`DATABASE_URL ${redactUrl(url)} names no database`);
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  return { name, client };
}

/**
 * The Postgres schema holding one service's projections in one instance: `<instance>_<service>` with `-` turned
 * into `_` (e.g. `karmada_policy_svc`).
 */
export function projectionSchemaName(instance: string, service: string): string {
  const schema = `${instance}_${service}`.replace(/-/g, '_');
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`"${schema}" is not a usable schema name`);
  return schema;
}

function redactUrl(url: URL): string {
  const copy = new URL(url);
  if (copy.password) copy.password = '***';
  return copy.toString();
}
