import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { batchPattern, JETSTREAM_TRANSPORT, type StoredEvent } from '@karmada-ts/eventstore';
import type { ProjectionRunners } from './projection-runners.js';

/**
 * Builds the Nest controller that hands each projection consumer's batches to its runner: one `batch:<durable>`
 * handler per projection consumer on the JetStream transport, so services declare projections and never write it.
 */
export function projectionBatchController(runners: ProjectionRunners): new () => object {
  @Controller()
  class ProjectionBatchController {}
  for (const { consumer } of runners.all()) {
    const durable = consumer.consumer.durable;
    const method = `project_${durable.replace(/[^a-zA-Z0-9]/g, '_')}`;
    const handler = (events: readonly StoredEvent[]) => runners.apply(durable, events);
    Object.defineProperty(ProjectionBatchController.prototype, method, { value: handler });
    const descriptor = Object.getOwnPropertyDescriptor(ProjectionBatchController.prototype, method)!;
    EventPattern<string>(batchPattern(durable), JETSTREAM_TRANSPORT)(ProjectionBatchController.prototype, method, descriptor);
  }
  return ProjectionBatchController;
}
