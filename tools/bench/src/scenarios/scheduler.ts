import { benchSchedule } from '@karmada-ts/domain';
import type { BenchResult } from '../bench-report.js';

/** `scheduler`: scheduling decisions per second against N candidate clusters with a mix of placements. */
export function runSchedulerScenario(options: { clusters: number; bindings: number }): BenchResult {
  const started = performance.now();
  const report = benchSchedule({ clusters: options.clusters, bindings: options.bindings });
  return {
    scenario: 'scheduler',
    parameters: { clusters: report.clusters, bindings: report.decisions },
    seconds: (performance.now() - started) / 1000,
    figures: [
      { name: 'decisions', value: Math.round(report.decisionsPerSecond), unit: 'decisions/s', target: { op: '>=', value: 2000 } },
      { name: 'decision time p50', value: report.p50Ms, unit: 'ms' },
      { name: 'decision time p99', value: report.p99Ms, unit: 'ms', target: { op: '<=', value: 5 } },
      { name: 'cluster snapshot build', value: report.snapshotMs, unit: 'ms' },
    ],
    details: { ...report },
  };
}
