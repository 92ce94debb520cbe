import type { StoredEvent } from '@karmada-ts/eventstore';
import type { ProjectionWriter } from './projection-writer.js';

/** What a projection gets for one batch. */
export interface ProjectionContext {
  /**
   * Seq-guarded writes (upsert / delete / append) and additions to sets (add), written together with the consumer's
   * checkpoint in one statement at the end of the batch.
   */
  readonly writer: ProjectionWriter;
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
