import { benchMemberSim, type MemberSimBenchResult } from '@karmada-ts/member-sim';
import type { BenchResult } from '../bench-report.js';

/** `member-sim`: one process with N simulated clusters — idle RSS and server-side applies/s through client-node. */
export async function runMemberSimScenario(options: { clusters: number; applies: number }): Promise<BenchResult> {
  const started = performance.now();
  const result: MemberSimBenchResult = await benchMemberSim({ clusters: options.clusters, applies: options.applies });
  return {
    scenario: 'member-sim',
    parameters: { clusters: result.clusters, applies: result.applies, clients: result.clients, concurrency: result.concurrency, kind: result.kind },
    seconds: (performance.now() - started) / 1000,
    figures: [
      { name: `idle RSS with ${result.clusters} clusters`, value: Math.round(result.idleRssMiB), unit: 'MiB', target: { op: '<=', value: 1024 } },
      { name: 'server-side applies across clusters', value: Math.round(result.appliesPerSecond), unit: 'applies/s', target: { op: '>=', value: 2000 } },
      { name: 'simulator CPU per apply', value: result.serverCpuMsPerApply, unit: 'ms' },
      { name: 'load generators CPU per apply (client-node)', value: result.clientCpuMsPerApply, unit: 'ms' },
      { name: 'startup', value: result.startupSeconds, unit: 's' },
    ],
    details: { ...result },
  };
}
