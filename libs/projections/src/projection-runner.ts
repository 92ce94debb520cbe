import type { StoredEvent } from '@karmada-ts/eventstore';
import type { DataSource } from 'typeorm';
import type { Projection } from './projection.js';
import { ProjectionWriter } from './projection-writer.js';

/**
 * Applies batches of events to a service's projections: ONE transaction per batch holding every projection's writes
 * and the consumer's checkpoint, so a crash in the middle of a batch leaves nothing behind.
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
  }

  /** Applies the events (in stream order) to every projection, and moves the checkpoint, in one transaction. */
  async applyBatch(events: readonly StoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    const highWater = events.reduce((max, e) => Math.max(max, e.seq), 0);
    const work = this.options.projections.flatMap((projection) => {
      const types = new Set(projection.eventTypes);
      const relevant = events.filter((e) => types.has(e.type));
      return relevant.length > 0 ? [{ projection, relevant }] : [];
    });
    // Nothing to project (a consumer whose filter carries mostly other events): the checkpoint alone, one statement
    // instead of a transaction of three.
    if (work.length === 0) return this.moveCheckpoint(this.dataSource, highWater);
    await this.dataSource.transaction(async (manager) => {
      const writer = new ProjectionWriter(manager);
      for (const { projection, relevant } of work) await projection.apply(relevant, { writer, manager });
      await writer.flush();
      await this.moveCheckpoint(manager, highWater);
    });
  }

  private async moveCheckpoint(db: Pick<DataSource, 'query'>, seq: number): Promise<void> {
    await db.query(
      `INSERT INTO projection_checkpoints (consumer, seq, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (consumer) DO UPDATE
       SET seq = GREATEST(projection_checkpoints.seq, EXCLUDED.seq), updated_at = now()`,
      [this.options.consumer, seq],
    );
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
