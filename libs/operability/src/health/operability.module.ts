import { Module, type DynamicModule } from '@nestjs/common';
import { OperabilityController } from './operability.controller.js';
import { OPERABILITY_OPTIONS, type OperabilityOptions } from './operability-options.js';
import { ReadinessRegistry } from './readiness.js';

/**
 * Adds `/healthz`, `/readyz` and `/metrics` to a Nest HTTP application:
 * `imports: [OperabilityModule.forRoot({ registry: metrics.registry, readiness })]`.
 * The {@link ReadinessRegistry} is exported under its class, so any module can inject it and add checks.
 */
@Module({})
export class OperabilityModule {
  static forRoot(options: OperabilityOptions): DynamicModule {
    return {
      module: OperabilityModule,
      global: true,
      controllers: [OperabilityController],
      providers: [
        { provide: OPERABILITY_OPTIONS, useValue: options },
        { provide: ReadinessRegistry, useValue: options.readiness },
      ],
      exports: [OPERABILITY_OPTIONS, ReadinessRegistry],
    };
  }
}
