import { benchSchedule } from '@karmada-ts/domain';
import type { BenchResult } from '../bench-report.js';
import { benchFailover } from './scheduler-failover.js';

export interface SchedulerBenchOptions {
  /** Candidate clusters and bindings of the pure decisions. */
  readonly clusters: number;
  readonly bindings: number;
  /** Bindings moved by the failover through the whole stack. */
  readonly failoverBindings: number;
  readonly natsUrl: string;
  readonly databaseUrl: string;
  readonly progress?: (line: string) => void;
}

/**
 * `scheduler`: scheduling decisions per second against N candidate clusters with a mix of placements (pure, in this
 * process), then a failover through the running product (scheduler-failover.ts).
 */
export async function runSchedulerScenario(options: SchedulerBenchOptions): Promise<BenchResult> {
  const started = performance.now();
  const report = benchSchedule({ clusters: options.clusters, bindings: options.bindings });
  const failover = await benchFailover({
    bindings: options.failoverBindings,
    natsUrl: options.natsUrl,
    databaseUrl: options.databaseUrl,
    ...(options.progress ? { progress: options.progress } : {}),
  });
  return {
    scenario: 'scheduler',
    parameters: { clusters: report.clusters, bindings: report.decisions, failoverBindings: options.failoverBindings },
    seconds: (performance.now() - started) / 1000,
    figures: [
      { name: 'decisions', value: Math.round(report.decisionsPerSecond), unit: 'decisions/s', target: { op: '>=', value: 2000 } },
      { name: 'decision time p50', value: report.p50Ms, unit: 'ms' },
      { name: 'decision time p99', value: report.p99Ms, unit: 'ms', target: { op: '<=', value: 5 } },
      { name: 'cluster snapshot build', value: report.snapshotMs, unit: 'ms' },
      ...failover.figures,
    ],
    details: { ...report, failover: failover.details },
  };
}
