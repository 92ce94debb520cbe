import { DataSource, type DataSourceOptions, type MigrationInterface } from 'typeorm';
import { ensureDatabase } from './database.js';
import { ProjectionBookkeeping1000000000000 } from './migrations/projection-bookkeeping.js';
import { quoteIdent } from './sql.js';

/**
 * A TypeORM migration class: `class CreateClusters1764000000000 implements MigrationInterface`. The class name (or
 * its `name`) ends with the 13-digit timestamp that orders it.
 */
export type MigrationClass = new () => MigrationInterface;

export interface ProjectionDatabaseOptions {
  /** DATABASE_URL; the database is created when missing. */
  readonly url: string;
  /** The service's schema (projectionSchemaName(instance, service)); created when missing. */
  readonly schema: string;
  /**
   * The service's migrations, in timestamp order. Write them without schema names: every connection's search_path
   * is the service schema. The bookkeeping tables (checkpoints, row versions) are added automatically.
   */
  readonly migrations: readonly MigrationClass[];
  /** TypeORM entities for reading the projections, if the service wants repositories. */
  readonly entities?: DataSourceOptions['entities'];
  /** Connection pool size; default 10. */
  readonly poolSize?: number;
}

/**
 * Opens a service's projection database: creates the database and the schema if missing and runs the migrations
 * (TypeORM's `runMigrations`, migrations table inside the schema, never `synchronize`). Replicas starting together
 * take turns through an advisory lock.
 */
export async function openProjectionDatabase(options: ProjectionDatabaseOptions): Promise<DataSource> {
  await ensureDatabase(options.url);
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities ?? [],
    migrations: [ProjectionBookkeeping1000000000000, ...options.migrations],
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    // Unqualified names in migrations and raw SQL resolve to the service schema, and only to it.
    // Values over 2 kB (Works, templates, bindings) are compressed with lz4 rather than pglz: pglz made writing a
    // 4 kB JSON value more than twice as expensive (Postgres 14 and later have lz4).
    // The schema names the service and instance in pg_stat_activity (which service holds a lock, runs a slow query).
    extra: {
      options: `-c search_path=${quoteIdent(options.schema)} -c default_toast_compression=lz4`,
      max: options.poolSize ?? 10,
      application_name: options.schema,
    },
  });
  await dataSource.initialize();
  try {
    await migrate(dataSource, options.schema);
  } catch (err) {
    await dataSource.destroy();
    throw err;
  }
  return dataSource;
}

async function migrate(dataSource: DataSource, schema: string): Promise<void> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(hashtext($1))', [`karmada-ts migrations ${schema}`]);
    await lock.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [`karmada-ts migrations ${schema}`]);
    await lock.release();
  }
}
