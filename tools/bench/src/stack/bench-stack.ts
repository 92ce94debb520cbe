/**
 * The whole product for a benchmark, under an instance of its own: the six services as processes (as `npm start`
 * runs them), member-sim in a child process, the members joined with karmadactl as a user would, and Ready. `stop()`
 * removes everything it made: processes, stream, database and state directory.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { Subjects } from '@karmada-ts/contracts';
import type { ClusterConfig } from '@karmada-ts/member-sim';
import { serviceCatalog, type ServiceName } from '@karmada-ts/service-runtime';
import { packageDir } from '../../../../scripts/run-tool.mjs';
import type { LoggedEvent } from '../propagate/stage-timeline.js';
import { followStream, type StreamFollower } from '../propagate/stream-follower.js';
import { databaseUrlAt, removeBenchInstance } from './bench-instance.js';
import { GatewayClient } from './gateway-client.js';
import { startMemberSimProcess, type MemberSimProcess } from './member-sim-process.js';
import { commandCpuSeconds, processCpuSeconds } from './process-cpu.js';
import { readProcessMemory, type ProcessMemory } from './process-memory.js';
import { replicasOf, type ServiceReplicas } from './service-replicas.js';
import { startServiceProcess, type ServiceProcess } from './service-process.js';

export interface BenchStackOptions {
  /** Prefix of the instance name (a unique suffix is added). */
  readonly name: string;
  /** The simulated members, joined under their names. */
  readonly members: readonly ClusterConfig[];
  readonly natsUrl: string;
  /** Postgres server URL; the stack works in a scratch database it drops afterwards. */
  readonly databaseUrl: string;
  /** Requests the gateway client keeps on the wire at most. */
  readonly maxSockets: number;
  /** Extra environment for the services. */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Processes per service as `npm start -- --replicas N` runs them (default 1): with KARMADA_REPLICA and
   * KARMADA_REPLICAS, so cluster-svc's and executor-svc's divide the members and the others share their consumers.
   */
  readonly replicas?: ServiceReplicas;
}

export interface BenchStack {
  readonly instance: string;
  readonly subjects: Subjects;
  /** The client of the running gateway (a restarted gateway listens on a new port: this follows it). */
  readonly gateway: GatewayClient;
  /** Memory of every process: by service name (`<name>-<replica>` with several replicas), and `member-sim`. */
  memory(): Record<string, ProcessMemory | undefined>;
  /**
   * CPU seconds (user + system) each process of the stack has used so far, named as in memory(), and the Postgres and
   * NATS servers on this machine (`postgres`, `nats-server`; undefined when they run elsewhere).
   */
  cpuSeconds(): Record<string, number | undefined>;
  /** The services that exited on their own. */
  crashed(): ServiceProcess[];
  /** kill -9 of one service, as a crash: no shutdown, nothing in flight finished or acknowledged. */
  kill(name: ServiceName): Promise<void>;
  /** Starts a killed service again with the stack's environment; resolves once it logged "started". */
  restart(name: ServiceName): Promise<ServiceProcess>;
  /** The kubeconfig member-sim wrote for a member (its server, CA and token; the admin API is on the same port). */
  memberKubeconfig(name: string): string;
  /** A JetStream manager on the stack's one NATS connection for the benchmark (closed by stop()). */
  jetstream(): Promise<JetStreamManager>;
  /** Hands every event of the stack's stream, from its first, to `onEvent`, until stopped (at the latest by stop()). */
  follow(onEvent: (event: LoggedEvent) => void): Promise<StreamFollower>;
  stop(): Promise<void>;
}

/** How long the services may take to start (from TypeScript sources on a loaded machine, this is not short). */
const startTimeoutMs = 240_000;
const readyTimeoutMs = 180_000;

export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const instance = `${options.name}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const subjects = new Subjects(instance);
  const database = `karmada_${instance.replace(/-/g, '_')}`;
  const stateDir = mkdtempSync(join(tmpdir(), `${options.name}-`));
  const membersDir = join(stateDir, 'members');
  mkdirSync(membersDir);
  const simConfig = join(stateDir, 'member-sim.json');
  // Where the gateway writes the admin kubeconfig (again, with its new port, whenever it starts).
  const kubeconfig = join(stateDir, 'kubeconfig');
  writeFileSync(simConfig, JSON.stringify({ clusters: options.members }));
  const env: NodeJS.ProcessEnv = {
    KARMADA_INSTANCE: instance,
    KARMADA_STATE_DIR: stateDir,
    DATABASE_URL: databaseUrlAt(options.databaseUrl, database),
    NATS_URL: options.natsUrl,
    GATEWAY_PORT: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    ...options.env,
  };
  const replicas = (name: ServiceName) => replicasOf(options.replicas, name);
  const services: ServiceProcess[] = [];
  const replicaOf = new Map<ServiceProcess, number>();
  let memberSim: MemberSimProcess | undefined;
  let gateway: GatewayClient | undefined;
  let nats: Promise<NatsConnection> | undefined;
  const followers: StreamFollower[] = [];
  const natsConnection = () => (nats ??= connect({ servers: options.natsUrl }));

  const stop = async () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    for (const follower of followers.splice(0)) await follower.stop();
    if (nats) await (await nats).close();
    gateway?.close();
    await Promise.all(services.map((s) => s.stop()));
    await memberSim?.stop();
    await removeBenchInstance({ natsUrl: options.natsUrl, databaseUrl: options.databaseUrl, stream: subjects.stream, database });
    rmSync(stateDir, { recursive: true, force: true });
  };
  // Ctrl-C in the middle of a run still removes the processes, the stream and the database.
  const onSignal = () => void stop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    memberSim = await startMemberSimProcess(['--config', simConfig, '--kubeconfig-dir', membersDir]);
    const started = await Promise.allSettled(
      serviceCatalog.flatMap((s) =>
        Array.from({ length: replicas(s.name) }, (_, i) =>
          startServiceProcess(s.name, replicas(s.name) > 1 ? { ...env, KARMADA_REPLICA: String(i + 1), KARMADA_REPLICAS: String(replicas(s.name)) } : env, startTimeoutMs).then(
            (service) => {
              services.push(service);
              replicaOf.set(service, i + 1);
            },
          ),
        ),
      ),
    );
    const failed = started.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    gateway = new GatewayClient(kubeconfig, options.maxSockets);
    const names = options.members.map((m) => m.name);
    await joinAll(names, (name) => ['join', name, '--cluster-kubeconfig', join(membersDir, `${name}.kubeconfig`), '--kubeconfig', kubeconfig]);
    await untilReady(gateway, names);
  } catch (error) {
    await stop();
    throw error;
  }
  const running = { gateway, memberSim };
  // Undefined for a service that is killed.
  const perProcess = <T>(read: (pid: number) => T): Record<string, T | undefined> => ({
    ...Object.fromEntries(
      serviceCatalog.flatMap(({ name }) =>
        Array.from({ length: replicas(name) }, (_, i) => {
          const service = services.find((s) => s.name === name && (replicaOf.get(s) ?? 1) === i + 1);
          return [replicas(name) > 1 ? `${name}-${i + 1}` : name, service && read(service.child.pid!)];
        }),
      ),
    ),
    'member-sim': read(running.memberSim.child.pid!),
    // The benchmark itself follows the stream on the same cores: what it takes is not the stack's.
    bench: read(process.pid),
  });
  return {
    instance,
    subjects,
    get gateway() {
      return running.gateway;
    },
    memory: () => perProcess(readProcessMemory),
    cpuSeconds: () => ({
      ...perProcess(processCpuSeconds),
      // The backbone the stack shares, when it runs on this machine: its work is part of every Work's cost.
      postgres: commandCpuSeconds('postgres'),
      'nats-server': commandCpuSeconds('nats-server'),
    }),
    crashed: () => services.filter((s) => s.crashed()),
    async kill(name) {
      if (replicas(name) > 1) throw new Error(`kill and restart address a service by name: run ${name} with one replica`);
      const index = services.findIndex((s) => s.name === name);
      if (index < 0) throw new Error(`${name} is not running`);
      // Out of the list first: its exit is not a crash of the run.
      const [service] = services.splice(index, 1);
      const { child } = service!;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
    async restart(name) {
      if (services.some((s) => s.name === name)) throw new Error(`${name} is running: kill it first`);
      const service = await startServiceProcess(name, env, startTimeoutMs);
      services.push(service);
      if (name === 'api-gateway') {
        // It rewrote the admin kubeconfig with its new port before it logged "started".
        running.gateway.close();
        gateway = running.gateway = new GatewayClient(kubeconfig, options.maxSockets);
      }
      return service;
    },
    memberKubeconfig: (name) => join(membersDir, `${name}.kubeconfig`),
    jetstream: async () => jetstreamManager(await natsConnection()),
    async follow(onEvent) {
      const follower = await followStream(await natsConnection(), subjects.stream, onEvent);
      followers.push(follower);
      return follower;
    },
    stop,
  };
}

/** Joins run a few at a time: each one is a node process (two, with the launcher) that checks its member first. */
const joinsAtOnce = 3;

async function joinAll(names: readonly string[], argsOf: (name: string) => string[]): Promise<void> {
  const bin = join(packageDir('karmadactl'), 'bin', 'karmadactl.mjs');
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++]!;
      await new Promise<void>((resolve, reject) =>
        execFile(process.execPath, [bin, ...argsOf(name)], { encoding: 'utf8' }, (error, stdout, stderr) =>
          error ? reject(new Error(`karmadactl join ${name} failed: ${stderr || stdout || error.message}`)) : resolve(),
        ),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(joinsAtOnce, names.length) }, worker));
}

interface ClusterList {
  items: { metadata: { name: string }; status?: { conditions?: { type: string; status: string }[] } }[];
}

async function untilReady(gateway: GatewayClient, names: readonly string[]): Promise<void> {
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    const { status, body } = await gateway.get('/apis/cluster.karmada.io/v1alpha1/clusters');
    const ready = status === 200
      ? (body as ClusterList).items.filter((c) => c.status?.conditions?.some((k) => k.type === 'Ready' && k.status === 'True')).length
      : 0;
    if (ready === names.length) return;
    if (Date.now() > deadline) throw new Error(`only ${ready} of ${names.length} member clusters became Ready within ${readyTimeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
