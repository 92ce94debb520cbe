import type { StoredEvent } from '@karmada-ts/eventstore';
import type { DataSource } from 'typeorm';
import type { Projection } from './projection.js';
import { ProjectionWriter } from './projection-writer.js';

/**
 * Applies batches of events to a service's projections: ONE statement per batch holding every projection's writes
 * and the consumer's checkpoint (ProjectionWriter), so a crash in the middle of a batch leaves nothing behind.
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

  /** Applies the events (in stream order) to every projection, and moves the checkpoint, in one statement. */
  async applyBatch(events: readonly StoredEvent[]): Promise<void> {
    if (events.length === 0) return;
    const highWater = events.reduce((max, e) => Math.max(max, e.seq), 0);
    const writer = new ProjectionWriter(this.dataSource);
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
