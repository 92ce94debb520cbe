import { Controller, Get, Header, Inject, ServiceUnavailableException } from '@nestjs/common';
import { Registry } from 'prom-client';
import { OPERABILITY_OPTIONS, type OperabilityOptions } from './operability-options.js';
import type { ReadinessReport } from './readiness.js';

/** `/healthz`, `/readyz` and `/metrics` on the service's own HTTP port. */
@Controller()
export class OperabilityController {
  constructor(@Inject(OPERABILITY_OPTIONS) private readonly options: OperabilityOptions) {}

  /** The process is alive and serving HTTP. */
  @Get('healthz')
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** 200 with the report when every readiness check passes, 503 with the report otherwise. */
  @Get('readyz')
  async readyz(): Promise<ReadinessReport> {
    const report = await this.options.readiness.evaluate();
    if (!report.ready) throw new ServiceUnavailableException(report);
    return report;
  }

  /** Prometheus text exposition of the service's registry. */
  @Get('metrics')
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  metrics(): Promise<string> {
    return this.options.registry.metrics();
  }
}
