import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { OperabilityModule, ReadinessRegistry, type Logger, type ServiceMetrics } from '@karmada-ts/operability';
import type { RuntimeConfig } from './runtime-config.js';
import {
  EVENT_REGISTRY,
  EVENT_STORE,
  PROJECTION_DATABASE,
  RUNTIME_CONFIG,
  SERVICE_LOGGER,
  SERVICE_METRICS,
  SUBJECTS,
} from './runtime-tokens.js';
import type { ServiceConnections } from './service-connections.js';
import type { ServiceDefinition } from './service-definition.js';
import { ProjectionRunners } from './projection-runners.js';
import { projectionBatchController } from './projection-batch.controller.js';

export interface RuntimeModuleOptions {
  readonly definition: ServiceDefinition;
  readonly config: RuntimeConfig;
  readonly connections: ServiceConnections;
  readonly logger: Logger;
  readonly metrics: ServiceMetrics;
  readonly readiness: ReadinessRegistry;
  readonly runners: ProjectionRunners;
}

/**
 * The root module of every service process: the runtime's shared objects as global providers, the operability
 * endpoints, and the service's own module.
 */
@Module({})
export class RuntimeModule {
  static forService(options: RuntimeModuleOptions): DynamicModule {
    const providers: Provider[] = [
      { provide: RUNTIME_CONFIG, useValue: options.config },
      { provide: SUBJECTS, useValue: options.connections.subjects },
      { provide: EVENT_STORE, useValue: options.connections.store },
      { provide: PROJECTION_DATABASE, useValue: options.connections.database },
      { provide: SERVICE_LOGGER, useValue: options.logger },
      { provide: SERVICE_METRICS, useValue: options.metrics },
      { provide: EVENT_REGISTRY, useValue: options.definition.events },
      { provide: ProjectionRunners, useValue: options.runners },
    ];
    return {
      module: RuntimeModule,
      global: true,
      imports: [
        OperabilityModule.forRoot({ registry: options.metrics.registry, readiness: options.readiness }),
        options.definition.module,
      ],
      controllers: [projectionBatchController(options.runners)],
      providers,
      exports: providers.map((p) => (p as { provide: symbol | typeof ProjectionRunners }).provide),
    };
  }
}
