import type { StoredEvent } from '@karmada-ts/eventstore';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import type { Projection } from './projection.js';
import { ProjectionWriter, type SqlRunner } from './projection-writer.js';
import { StatementNames } from './statement-names.js';

/**
 * Applies batches of events to a service's projections: ONE statement per batch holding every projection's writes
 * and the consumer's checkpoint (ProjectionWriter; a batch that deletes rows takes a second one in the same
 * transaction), so a crash in the middle of a batch leaves nothing behind.
 *
 * The rule (ARCHITECTURE.md §2 rule 6, made safe for replicas): several replicas of a service share one durable
 * consumer and commit batches out of stream order, and a failed event is retried after later ones succeeded. So
 * an event is never skipped because the consumer's checkpoint is past it. Instead every projected row remembers the
 * sequence of the event that last wrote it (ProjectionWriter), and an event at or below that is skipped. The
 * checkpoint is the consumer's high-water mark (GREATEST of committed batches), used for lag, readiness and rebuild.
 *
 * Wire it to a consumer's batch handler:
 * ```ts
 * @EventPattern<string>(batchPattern(durables.projector))
 * project(@Payload() events: StoredEvent[]) { return this.runner.applyBatch(events); }
 * ```
 */
export class ProjectionRunner {
  private readonly batches: SqlRunner;

  constructor(
    readonly dataSource: DataSource,
    readonly options: {
      /** The durable consumer feeding these projections: the checkpoint's name. */
      readonly consumer: string;
      readonly projections: readonly Projection[];
    },
  ) {
    const tables = options.projections.flatMap((p) => p.tables);
    const shared = tables.find((table, i) => tables.indexOf(table) !== i);
    if (shared) throw new Error(`table ${shared} belongs to two projections`);
    this.batches = namedStatementRunner(dataSource);
  }

  /**
   * Applies the events (in stream order) to every projection, and moves the checkpoint, atomically. The
   * checkpoint goes to `throughSeq` when the batch held events the consumer left out (ConsumerSpec.eventTypes).
   */
  async applyBatch(events: readonly StoredEvent[], throughSeq = 0): Promise<void> {
    const highWater = events.reduce((max, e) => Math.max(max, e.seq), throughSeq);
    if (highWater === 0) return;
    const writer = new ProjectionWriter(this.batches);
    for (const projection of this.options.projections) {
      const types = new Set(projection.eventTypes);
      const relevant = events.filter((e) => types.has(e.type));
      if (relevant.length > 0) await projection.apply(relevant, { writer });
    }
    await writer.flush({ consumer: this.options.consumer, seq: highWater });
  }

  /** The consumer's checkpoint: the highest stream sequence applied so far (0 before the first batch). */
  async checkpoint(): Promise<number> {
    const rows: { seq: string }[] = await this.dataSource.query(
      'SELECT seq FROM projection_checkpoints WHERE consumer = $1',
      [this.options.consumer],
    );
    return rows.length === 0 ? 0 : Number(rows[0]!.seq);
  }

  /** The tables of every projection. */
  tables(): string[] {
    return this.options.projections.flatMap((p) => p.tables);
  }
}

/** The pg pool under a TypeORM DataSource: it runs named statements, which TypeORM's query() cannot. */
interface PgPool {
  query(config: { name: string; text: string; values: unknown[] }): Promise<unknown>;
}

/** The statement names of each DataSource: the limit holds for its pool, whichever consumers share it. */
const statementNames = new WeakMap<DataSource, StatementNames>();

/**
 * Runs the batch statements as named (prepared) statements on the DataSource's pool (StatementNames: each consumer
 * repeats a few batch shapes), and any statement past the names' limit through TypeORM.
 */
function namedStatementRunner(dataSource: DataSource): SqlRunner {
  const names = statementNames.get(dataSource) ?? new StatementNames();
  statementNames.set(dataSource, names);
  return {
    query: (sql, params = []) => {
      const pool = (dataSource.driver as PostgresDriver).master as PgPool | undefined;
      const name = pool && names.nameOf(sql);
      return pool && name ? pool.query({ name, text: sql, values: [...params] }) : dataSource.query(sql, [...params]);
    },
    transaction: (statements) =>
      dataSource.transaction(async (manager) => {
        for (const { sql, params } of statements) await manager.query(sql, [...params]);
      }),
  };
}
