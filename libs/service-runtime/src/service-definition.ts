import type { Type } from '@nestjs/common';
import type { EventRegistry, Subjects } from '@karmada-ts/contracts';
import type { ConsumerSpec } from '@karmada-ts/eventstore';
import type { MigrationClass, Projection } from '@karmada-ts/projections';
import type { ServiceName } from './service-catalog.js';

/** A projection consumer: its durable consumer and the projections it feeds (rebuilt together by `rebuild`). */
export interface ProjectionConsumer {
  readonly consumer: ConsumerSpec;
  readonly projections: readonly Projection[];
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
  /** Its projection consumers. */
  readonly projections?: (subjects: Subjects) => readonly ProjectionConsumer[];
  /** Its Postgres migrations (projection tables), in timestamp order. */
  readonly migrations?: readonly MigrationClass[];
}
