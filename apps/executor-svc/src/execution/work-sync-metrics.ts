import { Inject, Injectable } from '@nestjs/common';
import { Histogram } from 'prom-client';
import type { ServiceMetrics } from '@karmada-ts/operability';
import { SERVICE_METRICS } from '@karmada-ts/service-runtime';

/** Karmada's buckets for it: 1 ms doubling twelve times, to about 2 s. */
const buckets = Array.from({ length: 12 }, (_, i) => 0.001 * 2 ** i);

/**
 * Karmada's `work_sync_workload_duration_seconds` on executor-svc's /metrics: how long applying a Work's manifests to
 * its member took (the member calls, not the wait for the member's controller that follows), labelled
 * `result="success"` or `result="error"` as Karmada labels it. Under load it is where the member's latency shows: a
 * member, or a machine, that answers slowly holds Works in flight longer.
 */
@Injectable()
export class WorkSyncMetrics {
  private readonly seconds: Histogram<'result'>;

  constructor(@Inject(SERVICE_METRICS) metrics: ServiceMetrics) {
    this.seconds = new Histogram({
      name: 'work_sync_workload_duration_seconds',
      help: "Seconds spent applying a Work's manifests in its member cluster, by result (success, or error when one of them failed).",
      labelNames: ['result'],
      buckets,
      registers: [metrics.registry],
    });
  }

  /** A Work's manifests applied (or not) in `seconds`. */
  synced(seconds: number, succeeded: boolean): void {
    this.seconds.observe({ result: succeeded ? 'success' : 'error' }, seconds);
  }
}
