import type { Type } from '@nestjs/common';
import type { EventRegistry, Subjects } from '@karmada-ts/contracts';
import type { ConsumerSpec, SettleEvent, StoredEvent } from '@karmada-ts/eventstore';
import type { MigrationClass, Projection } from '@karmada-ts/projections';
import type { ReplicaPartition } from './replica-partition.js';
import type { ServiceName } from './service-catalog.js';

/**
 * Reacts to a batch of events after the batch's projections have been committed, so it reads read models that
 * already include those events (a controller's level-triggered reconcile). A Nest provider of the service's module.
 * Throwing makes the whole batch come back (projections are seq-guarded, so re-applying it changes nothing), except
 * the events it settled one by one with `settle` (for a consumer with ConsumerSpec.settlesEach: see
 * JetStreamContext.settle).
 */
export interface BatchReconciler {
  reconcile(events: readonly StoredEvent[], settle: SettleEvent): Promise<void>;
}

/**
 * A projection consumer: its durable consumer, the projections it feeds (rebuilt together by `rebuild`) and,
 * optionally, the reconciler that runs after each committed batch.
 */
export interface ProjectionConsumer {
  readonly consumer: ConsumerSpec;
  /**
   * It reads status events (executor-svc's Work reports, binding statuses): its batches linger for
   * KARMADA_STATUS_LINGER_MS instead of KARMADA_CONSUMER_LINGER_MS (unless the spec sets lingerMs). Statuses come in
   * bursts — a binding's Works are reported one by one over a second or two, each change of a member object again —
   * and gathering them lets one batch aggregate a binding once for many of its reports.
   */
  readonly readsStatuses?: boolean;
  readonly projections: readonly Projection[];
  readonly reconciler?: Type<BatchReconciler>;
}

/** What a service is made of; `runService` turns it into a running process. Apps are this and their module. */
export interface ServiceDefinition {
  readonly name: ServiceName;
  /** The service's own Nest module: its controllers, event handlers and providers. */
  readonly module: Type<unknown>;
  /** The event types the service reads and writes (coreEvents.with([...])). */
  readonly events: EventRegistry;
  /** Its durable consumers other than projection consumers. */
  readonly consumers?: (subjects: Subjects) => readonly ConsumerSpec[];
  /** Its projection consumers; a service that divides the member clusters among its replicas reads `partition`. */
  readonly projections?: (subjects: Subjects, partition: ReplicaPartition) => readonly ProjectionConsumer[];
  /** Its Postgres migrations (projection tables), in timestamp order. */
  readonly migrations?: readonly MigrationClass[];
}
