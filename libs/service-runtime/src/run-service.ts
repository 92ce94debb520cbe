import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import {
  eventStoreReadinessCheck,
  JetStreamServer,
  PropagateHandlerErrorsFilter,
} from '@karmada-ts/eventstore';
import {
  createLogger,
  createServiceMetrics,
  NestPinoLogger,
  ReadinessRegistry,
  type Logger,
} from '@karmada-ts/operability';
import { postgresReadinessCheck, projectionCaughtUpCheck, rebuildProjections } from '@karmada-ts/projections';
import { consumerSpecsOf } from './consumer-specs.js';
import { ConfigError, loadRuntimeConfig, type RuntimeConfig } from './runtime-config.js';
import { RuntimeModule } from './runtime.module.js';
import { natsServers, openServiceConnections } from './service-connections.js';
import type { ServiceDefinition } from './service-definition.js';
import { ProjectionRunners } from './projection-runners.js';

/** How far a projection may trail the stream and still report ready. */
const readyMaxLag = 100;

export interface RunningService {
  readonly app: INestApplication;
  readonly config: RuntimeConfig;
  /** The port the HTTP endpoints listen on (useful with HTTP_PORT=0). */
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Starts a service: connections (stream provisioned, database and schema created, migrations run), its Nest module
 * with `/healthz`, `/readyz`, `/metrics` on HTTP_PORT, and its durable consumers on the JetStream transport.
 */
export async function startService(definition: ServiceDefinition, env: NodeJS.ProcessEnv = process.env): Promise<RunningService> {
  const config = loadRuntimeConfig(definition.name, env);
  const logger = createLogger({ service: definition.name, level: config.logLevel });
  const metrics = createServiceMetrics(definition.name);
  const connections = await openServiceConnections(definition, config, metrics);
  const runners = new ProjectionRunners(definition, connections.subjects, config.partition, connections.database);
  const readiness = new ReadinessRegistry();
  readiness.add(eventStoreReadinessCheck(connections.store));
  readiness.add(postgresReadinessCheck(connections.database));
  for (const { runner, consumer } of runners.all()) {
    readiness.add(projectionCaughtUpCheck(runner, connections.store, consumer.consumer.filterSubject, readyMaxLag));
  }
  let app: INestApplication | undefined;
  try {
    app = await NestFactory.create(
      RuntimeModule.forService({ definition, config, connections, logger, metrics, readiness, runners }),
      { logger: new NestPinoLogger(logger), abortOnError: false },
    );
    app.connectMicroservice(
      {
        strategy: new JetStreamServer({
          connection: { servers: natsServers(config.natsUrl), name: `${config.instance}-${config.service}-consumers` },
          stream: connections.subjects.stream,
          consumers: consumerSpecsOf(
            definition.consumers?.(connections.subjects) ?? [],
            runners.all().map((r) => r.consumer),
            config,
          ),
          registry: definition.events,
          deadLetterSubject: (durable) => connections.subjects.deadLetter(durable),
          metrics: metrics.backbone,
          logger,
        }),
      },
      { inheritAppConfig: true },
    );
    app.useGlobalFilters(new PropagateHandlerErrorsFilter());
    await app.startAllMicroservices();
    await app.listen(config.httpPort, config.httpHost);
  } catch (error) {
    await app?.close().catch(() => undefined);
    await connections.close();
    throw error;
  }
  const started = app;
  const address = started.getHttpServer().address() as { port: number };
  logger.info({ port: address.port, instance: config.instance }, `${definition.name} started`);
  return {
    app: started,
    config,
    port: address.port,
    async stop() {
      // Closing the app stops the consumers first (in-flight batches finish and are acked), then HTTP.
      await started.close();
      await connections.close();
      logger.info(`${definition.name} stopped`);
    },
  };
}

/** Prepares the database and the stream only: what `npm start` runs before starting the services. */
export async function migrateService(definition: ServiceDefinition, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = loadRuntimeConfig(definition.name, env);
  const connections = await openServiceConnections(definition, config);
  await connections.close();
}

/** Drops the service's projections and replays the stream through them (run it while the service is stopped). */
export async function rebuildService(
  definition: ServiceDefinition,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const config = loadRuntimeConfig(definition.name, env);
  const connections = await openServiceConnections(definition, config);
  try {
    const runners = new ProjectionRunners(definition, connections.subjects, config.partition, connections.database);
    for (const { runner, consumer } of runners.all()) {
      const result = await rebuildProjections({ runner, store: connections.store, filterSubject: consumer.consumer.filterSubject });
      logger.info({ consumer: consumer.consumer.durable, ...result }, 'projection rebuilt');
    }
  } finally {
    await connections.close();
  }
}

const usage = (name: string) => `Usage: ${name} [serve|migrate|rebuild]

  serve     run the service (default)
  migrate   create the database and schema, run migrations, provision the stream, then exit
  rebuild   drop the service's projections and replay the stream through them, then exit (stop the service first)`;

/** A service's main: runs the command named on the command line, stops cleanly on SIGTERM/SIGINT. */
export async function runService(definition: ServiceDefinition, argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const command = argv[0] ?? 'serve';
  const logger = createLogger({ service: definition.name, level: process.env.LOG_LEVEL ?? 'info' });
  try {
    switch (command) {
      case 'serve': {
        const service = await startService(definition);
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) return;
          stopping = true;
          logger.info({ signal }, 'stopping');
          service.stop().then(
            () => process.exit(0),
            (error: unknown) => {
              logger.error({ err: error }, 'stop failed');
              process.exit(1);
            },
          );
        };
        process.once('SIGTERM', () => stop('SIGTERM'));
        process.once('SIGINT', () => stop('SIGINT'));
        return;
      }
      case 'migrate':
        await migrateService(definition);
        logger.info('database and stream ready');
        return;
      case 'rebuild':
        await rebuildService(definition, logger);
        return;
      case '--help':
      case '-h':
        process.stdout.write(`${usage(definition.name)}\n`);
        return;
      default:
        process.stderr.write(`unknown command "${command}"\n\n${usage(definition.name)}\n`);
        process.exitCode = 2;
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      logger.error(error.message);
    } else {
      logger.error({ err: error }, `${definition.name} ${command} failed`);
    }
    process.exitCode = 1;
  }
}
