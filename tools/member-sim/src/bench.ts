import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { BenchClientReport, BenchClientTask } from './bench-client.js';
import { startMemberSim } from './member-sim.js';

/**
 * `npm run bench -- member-sim`: one process hosting N simulated clusters — its idle RSS, and server-side applies
 * per second across the clusters from client-node load generators in separate processes.
 */
export interface MemberSimBenchOptions {
  clusters: number;
  applies: number;
  /** Load generator processes (default 2). */
  clients?: number;
  /** Requests in flight per load generator (default 16). */
  concurrency?: number;
  /** Reuse TLS connections (default true); false measures client-node's stock one-connection-per-request. */
  keepAlive?: boolean;
  kind?: 'ConfigMap' | 'Deployment';
}

export interface MemberSimBenchResult {
  clusters: number;
  startupSeconds: number;
  idleRssMiB: number;
  idleHeapMiB: number;
  kind: 'ConfigMap' | 'Deployment';
  applies: number;
  errors: number;
  firstError?: string;
  clients: number;
  concurrency: number;
  keepAlive: boolean;
  appliesPerSecond: number;
  /** CPU the simulator process spent per apply (including its controllers' reactions). */
  serverCpuMsPerApply: number;
  rssAfterAppliesMiB: number;
}

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function mib(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

/** The client script beside this file (.ts from sources, .js when built), started with the same loader flags. */
function startClient(): ReturnType<typeof fork> {
  const self = fileURLToPath(import.meta.url);
  const script = join(self, '..', `bench-client${extname(self)}`);
  const execArgv = [...process.execArgv];
  if (extname(self) === '.ts' && !execArgv.some((a) => a.includes('@swc-node/register'))) {
    execArgv.push('--import', import.meta.resolve('@swc-node/register/esm-register'), '--conditions=@karmada-ts/source');
  }
  return fork(script, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

function runClient(task: BenchClientTask): Promise<BenchClientReport> {
  return new Promise((resolve, reject) => {
    const child = startClient();
    child.once('message', (report) => resolve(report as BenchClientReport));
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`bench client exited with ${code}`))));
    child.send(task);
  });
}

export async function benchMemberSim(options: MemberSimBenchOptions): Promise<MemberSimBenchResult> {
  const clients = options.clients ?? 2;
  const concurrency = options.concurrency ?? 16;
  const keepAlive = options.keepAlive ?? true;
  const kind = options.kind ?? 'Deployment';
  const dir = await mkdtemp(join(tmpdir(), 'member-sim-bench-'));
  const started = performance.now();
  const sim = await startMemberSim({ clusters: options.clusters, kubeconfigDir: dir, historyLimit: 200 });
  try {
    const startupSeconds = (performance.now() - started) / 1000;
    await Promise.all(sim.clusters().map((c) => sim.cluster(c.name)!.simulation.idle()));
    collectGarbage();
    const idle = process.memoryUsage();
    const paths = sim.clusters().map((c) => c.kubeconfigPath!);
    const shares = Array.from({ length: clients }, (_, i) => paths.filter((_, j) => j % clients === i));
    const perClient = Math.ceil(options.applies / clients);
    const cpuBefore = process.cpuUsage();
    const reports = await Promise.all(shares.map((kubeconfigs) => runClient({ kubeconfigs, applies: perClient, concurrency, keepAlive, kind })));
    const applies = reports.reduce((n, r) => n + r.applies, 0);
    const seconds = Math.max(...reports.map((r) => r.seconds));
    const cpu = process.cpuUsage(cpuBefore);
    const result: MemberSimBenchResult = {
      clusters: options.clusters,
      startupSeconds: Math.round(startupSeconds * 100) / 100,
      idleRssMiB: mib(idle.rss),
      idleHeapMiB: mib(idle.heapUsed),
      kind,
      applies,
      errors: reports.reduce((n, r) => n + r.errors, 0),
      clients,
      concurrency,
      keepAlive,
      appliesPerSecond: Math.round(applies / seconds),
      serverCpuMsPerApply: Math.round(((cpu.user + cpu.system) / 1000 / applies) * 100) / 100,
      rssAfterAppliesMiB: mib(process.memoryUsage().rss),
    };
    const firstError = reports.find((r) => r.firstError)?.firstError;
    if (firstError) result.firstError = firstError;
    return result;
  } finally {
    await sim.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
