import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { BenchClientReport, BenchClientTask } from './bench-client.js';
import { startCpuProfile } from './bench-profile.js';
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
  /** Write CPU profiles of the measured phase here: `member-sim.cpuprofile` and `client-<n>.cpuprofile`. */
  profileDir?: string;
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
  /** CPU the load generators spent per apply (client-node, its HTTP agent and TLS). */
  clientCpuMsPerApply: number;
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
  // The repository's scripts/swc-register.mjs or swc-node's own register: a second one would resolve against the cwd.
  if (extname(self) === '.ts' && !execArgv.some((a) => a.includes('@swc-node/register') || a.endsWith('swc-register.mjs'))) {
    execArgv.push('--import', import.meta.resolve('@swc-node/register/esm-register'), '--conditions=@karmada-ts/source');
  }
  return fork(script, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/**
 * A started load generator: it warms up (discovery, first apply on each of its clusters), then waits for `go`
 * so that every generator's measured applies start together, after all warm-ups.
 */
interface RunningClient {
  warm: Promise<void>;
  go(): Promise<BenchClientReport>;
}

function runClient(task: BenchClientTask): RunningClient {
  const child = startClient();
  const failed = new Promise<never>((_, reject) => child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`bench client exited with ${code}`)))));
  const nextMessage = (): Promise<unknown> => Promise.race([new Promise((resolve) => child.once('message', resolve)), failed]);
  const warm = nextMessage().then(() => undefined);
  child.send(task);
  return {
    warm,
    go: () => {
      const report = nextMessage() as Promise<BenchClientReport>;
      child.send('go');
      return report;
    },
  };
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
    const running = shares.map((kubeconfigs, n) => {
      const task: BenchClientTask = { kubeconfigs, applies: perClient, concurrency, keepAlive, kind };
      if (options.profileDir) task.profilePath = join(options.profileDir, `client-${n}.cpuprofile`);
      return runClient(task);
    });
    await Promise.all(running.map((c) => c.warm));
    await Promise.all(sim.clusters().map((c) => sim.cluster(c.name)!.simulation.idle()));
    const stopProfile = options.profileDir ? await startCpuProfile() : undefined;
    const cpuBefore = process.cpuUsage();
    const reports = await Promise.all(running.map((c) => c.go()));
    const applies = reports.reduce((n, r) => n + r.applies, 0);
    const seconds = Math.max(...reports.map((r) => r.seconds));
    const cpu = process.cpuUsage(cpuBefore);
    if (stopProfile) await stopProfile(join(options.profileDir!, 'member-sim.cpuprofile'));
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
      clientCpuMsPerApply: Math.round((reports.reduce((n, r) => n + r.cpuMs, 0) / applies) * 100) / 100,
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
