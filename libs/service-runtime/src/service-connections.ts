import { Subjects } from '@karmada-ts/contracts';
import { EventStore, provisionStream } from '@karmada-ts/eventstore';
import { openProjectionDatabase, projectionSchemaName } from '@karmada-ts/projections';
import type { ServiceMetrics } from '@karmada-ts/operability';
import { jetstreamManager } from '@nats-io/jetstream';
import type { DataSource } from 'typeorm';
import type { RuntimeConfig } from './runtime-config.js';
import type { ServiceDefinition } from './service-definition.js';

/** The connections a service holds for its whole life. */
export interface ServiceConnections {
  readonly subjects: Subjects;
  readonly store: EventStore;
  readonly database: DataSource;
  close(): Promise<void>;
}

export function natsServers(natsUrl: string): string[] {
  return natsUrl.split(',').map((s) => s.trim()).filter(Boolean);
}

/**
 * Connects to NATS and Postgres: provisions the instance's stream (idempotent), creates the database and the
 * service's schema when missing and runs its migrations (replicas take turns through an advisory lock).
 */
export async function openServiceConnections(
  definition: ServiceDefinition,
  config: RuntimeConfig,
  metrics?: ServiceMetrics,
): Promise<ServiceConnections> {
  const subjects = new Subjects(config.instance);
  const store = await EventStore.connect(
    { servers: natsServers(config.natsUrl), name: `${config.instance}-${config.service}` },
    { stream: subjects.stream, registry: definition.events, ...(metrics ? { metrics: metrics.backbone } : {}) },
  );
  try {
    await provisionStream(await jetstreamManager(store.connection), {
      name: subjects.stream,
      subjects: subjects.streamSubjects(),
      replicas: config.streamReplicas,
    });
    const database = await openProjectionDatabase({
      url: config.databaseUrl,
      schema: projectionSchemaName(config.instance, config.service),
      migrations: definition.migrations ?? [],
    });
    return {
      subjects,
      store,
      database,
      async close() {
        await store.close();
        await database.destroy();
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
