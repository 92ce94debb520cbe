import type { StoredEvent } from '@karmada-ts/eventstore';
import type { EntityManager } from 'typeorm';
import type { ProjectionWriter } from './projection-writer.js';

/** What a projection gets for one batch: the seq-guarded writer and the batch's transaction. */
export interface ProjectionContext {
  /** Seq-guarded writes (upsert / delete / append), flushed in bulk at the end of the batch. The easy path. */
  readonly writer: ProjectionWriter;
  /**
   * The batch transaction, for anything the writer cannot express. Writes made here bypass the row-version guard:
   * make them idempotent and order-independent yourself (see the rule in projection-runner.ts).
   */
  readonly manager: EntityManager;
}

/**
 * A read model built from events. `apply` gets the batch's events of the types it listed, in stream order, and
 * records its writes through `context.writer`; it must be deterministic (no clock, no randomness: a rebuild has to
 * produce identical rows). Use the event's `time`, not the wall clock.
 */
export interface Projection {
  readonly name: string;
  /** The tables this projection owns; a rebuild empties them. */
  readonly tables: readonly string[];
  /** The event types it reads; the others are not passed to `apply`. */
  readonly eventTypes: readonly string[];
  apply(events: readonly StoredEvent[], context: ProjectionContext): Promise<void> | void;
}
