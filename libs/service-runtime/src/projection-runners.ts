import type { Subjects } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import { ProjectionRunner } from '@karmada-ts/projections';
import type { DataSource } from 'typeorm';
import type { ReplicaPartition } from './replica-partition.js';
import type { ProjectionConsumer, ServiceDefinition } from './service-definition.js';

/**
 * The projection runners of a service, one per projection consumer, by durable name. The runtime routes each
 * projection consumer's batches to its runner, so services declare projections and never write that handler.
 */
export class ProjectionRunners {
  private readonly byDurable = new Map<string, { runner: ProjectionRunner; consumer: ProjectionConsumer }>();

  constructor(definition: ServiceDefinition, subjects: Subjects, partition: ReplicaPartition, database: DataSource) {
    for (const consumer of definition.projections?.(subjects, partition) ?? []) {
      assertReadsItsProjections(consumer);
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

  /** Applies a batch of the consumer's events; its checkpoint moves at least to `throughSeq`. */
  apply(durable: string, events: readonly StoredEvent[], throughSeq?: number): Promise<void> {
    return this.runner(durable).applyBatch(events, throughSeq);
  }
}

/** A consumer that names the event types it reads (ConsumerSpec.eventTypes) must name every type its projections read. */
function assertReadsItsProjections({ consumer, projections }: ProjectionConsumer): void {
  if (consumer.eventTypes === undefined) return;
  const read = new Set(consumer.eventTypes);
  const missing = projections.flatMap((p) => p.eventTypes.filter((type) => !read.has(type)));
  if (missing.length > 0) throw new Error(`consumer ${consumer.durable} leaves out ${[...new Set(missing)].join(', ')}, which its projections read`);
}
