import type { Subjects } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import { ProjectionRunner } from '@karmada-ts/projections';
import type { DataSource } from 'typeorm';
import type { ProjectionConsumer, ServiceDefinition } from './service-definition.js';

/**
 * The projection runners of a service, one per projection consumer, by durable name. The runtime routes each
 * projection consumer's batches to its runner, so services declare projections and never write that handler.
 */
export class ProjectionRunners {
  private readonly byDurable = new Map<string, { runner: ProjectionRunner; consumer: ProjectionConsumer }>();

  constructor(definition: ServiceDefinition, subjects: Subjects, database: DataSource) {
    for (const consumer of definition.projections?.(subjects) ?? []) {
      const runner = new ProjectionRunner(database, { consumer: consumer.consumer.durable, projections: consumer.projections });
      this.byDurable.set(consumer.consumer.durable, { runner, consumer });
    }
  }

  all(): { runner: ProjectionRunner; consumer: ProjectionConsumer }[] {
    return [...this.byDurable.values()];
  }

  runner(durable: string): ProjectionRunner {
    const found = this.byDurable.get(durable);
    if (!found) throw new Error(`no projection consumer ${durable}`);
    return found.runner;
  }

  apply(durable: string, events: readonly StoredEvent[]): Promise<void> {
    return this.runner(durable).applyBatch(events);
  }
}
