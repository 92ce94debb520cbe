import type { EventStore, StoredEvent } from '@karmada-ts/eventstore';
import type { EnvelopeDecodeError } from '@karmada-ts/contracts';
import type { ProjectionRunner } from './projection-runner.js';
import { quoteIdent } from './sql.js';

export interface RebuildOptions {
  readonly runner: ProjectionRunner;
  readonly store: EventStore;
  /** The subject filter of the runner's consumer. */
  readonly filterSubject: string;
  /** Events per transaction; default 1000. */
  readonly batchSize?: number;
  /** Told about stream messages that are not envelopes (skipped, as the live consumer dead-letters them). */
  readonly onUndecodable?: (seq: number, error: EnvelopeDecodeError) => void;
}

export interface RebuildResult {
  readonly events: number;
  readonly checkpoint: number;
}

/**
 * Rebuilds a runner's projections from the stream: empties their tables, their row versions and the consumer's
 * checkpoint in one transaction, then replays `filterSubject` from the start through the same projections, in
 * batches. The rows come out identical to those built live. Run it with the service's consumers stopped (the
 * `rebuild` command); a consumer running meanwhile would still converge, since every write is seq-guarded.
 */
export async function rebuildProjections(options: RebuildOptions): Promise<RebuildResult> {
  const { runner } = options;
  const tables = runner.tables();
  await runner.dataSource.transaction(async (manager) => {
    if (tables.length > 0) await manager.query(`TRUNCATE ${tables.map(quoteIdent).join(', ')}`);
    await manager.query('DELETE FROM projection_row_versions WHERE table_name = ANY($1)', [tables]);
    await manager.query('DELETE FROM projection_checkpoints WHERE consumer = $1', [runner.options.consumer]);
  });
  const batchSize = options.batchSize ?? 1000;
  let batch: StoredEvent[] = [];
  let events = 0;
  const replay = options.store.replay(options.filterSubject, {
    batchSize,
    ...(options.onUndecodable ? { onUndecodable: options.onUndecodable } : {}),
  });
  for await (const event of replay) {
    batch.push(event);
    if (batch.length >= batchSize) {
      await runner.applyBatch(batch);
      events += batch.length;
      batch = [];
    }
  }
  await runner.applyBatch(batch);
  events += batch.length;
  return { events, checkpoint: await runner.checkpoint() };
}
