import { Controller, Inject } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { batchPattern, JETSTREAM_TRANSPORT, type JetStreamContext, type StoredEvent } from '@karmada-ts/eventstore';
import type { ProjectionRunners } from './projection-runners.js';

/**
 * Builds the Nest controller that hands each projection consumer's batches to its runner and then to its reconciler:
 * one `batch:<durable>` handler per projection consumer on the JetStream transport, so services declare projections
 * and reconcilers and never write this plumbing.
 */
export function projectionBatchController(runners: ProjectionRunners): new (moduleRef: ModuleRef) => object {
  @Controller()
  class ProjectionBatchController {
    constructor(@Inject(ModuleRef) readonly moduleRef: ModuleRef) {}
  }
  for (const { consumer } of runners.all()) {
    const durable = consumer.consumer.durable;
    const method = `project_${durable.replace(/[^a-zA-Z0-9]/g, '_')}`;
    const reconciler = consumer.reconciler;
    async function handle(this: ProjectionBatchController, events: readonly StoredEvent[], context: JetStreamContext): Promise<void> {
      await runners.apply(durable, events, context.getHighWaterSeq());
      // A batch of events the consumer left out (ConsumerSpec.eventTypes) only moved the checkpoint.
      if (reconciler && events.length > 0) await this.moduleRef.get(reconciler, { strict: false }).reconcile(events, (event, error) => context.settle(event, error));
    }
    Object.defineProperty(ProjectionBatchController.prototype, method, { value: handle });
    Payload()(ProjectionBatchController.prototype, method, 0);
    Ctx()(ProjectionBatchController.prototype, method, 1);
    const descriptor = Object.getOwnPropertyDescriptor(ProjectionBatchController.prototype, method)!;
    EventPattern<string>(batchPattern(durable), JETSTREAM_TRANSPORT)(ProjectionBatchController.prototype, method, descriptor);
  }
  return ProjectionBatchController;
}
