import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { startMemberSim, type ClusterConfig, type MemberSim } from '@karmada-ts/member-sim';
import { serviceCatalog } from '@karmada-ts/service-runtime';
import { startServiceProcess, uniqueName, waitFor, type ServiceProcess } from '@karmada-ts/testing';

export const repoRoot = resolve(import.meta.dirname, '../..');

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCommand(command: string, args: readonly string[], env: NodeJS.ProcessEnv, input?: string): Promise<CommandResult> {
  return new Promise((done) => {
    const child = execFile(command, [...args], { env, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin!.end(input);
  });
}

export interface E2eStackOptions {
  /** Simulated members member1..memberN (default 3). */
  readonly clusters?: number;
  /**
   * The members as configured, instead of `clusters` identical ones: each a member-sim cluster and what
   * `karmadactl join` says about it (as config/members.yaml).
   */
  readonly members?: readonly E2eMember[];
  /** Whether to join every member with karmadactl and wait for it to be Ready (default true). */
  readonly join?: boolean;
  /** Extra environment for the services. */
  readonly env?: NodeJS.ProcessEnv;
}

export interface E2eMember {
  readonly cluster: ClusterConfig;
  readonly join?: { readonly provider?: string; readonly region?: string; readonly zones?: readonly string[] };
}

function joinFlags(join: E2eMember['join'] = {}): string[] {
  const flags: string[] = [];
  if (join.provider) flags.push('--cluster-provider', join.provider);
  if (join.region) flags.push('--cluster-region', join.region);
  if (join.zones?.length) flags.push('--cluster-zones', join.zones.join(','));
  return flags;
}

/**
 * The product as e2e tests use it: the six services as processes under their own instance (stream, database, state
 * dir), simulated members, kubectl under a fresh HOME, karmadactl. `stop()` removes everything it made.
 */
export interface E2eStack {
  readonly instance: string;
  readonly stateDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly members: MemberSim;
  services: Map<string, ServiceProcess>;
  kubectl(...args: string[]): Promise<CommandResult>;
  /** kubectl with a document on stdin (`-f -`). */
  kubectlWithInput(input: string, ...args: string[]): Promise<CommandResult>;
  memberKubectl(member: string, ...args: string[]): Promise<CommandResult>;
  karmadactl(...args: string[]): Promise<CommandResult>;
  /** SIGKILL a service, then start it again with the same environment. */
  crashAndRestart(name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startE2eStack(options: E2eStackOptions = {}): Promise<E2eStack> {
  const planned: readonly E2eMember[] =
    options.members ?? Array.from({ length: options.clusters ?? 3 }, (_, i) => ({ cluster: { name: `member${i + 1}` } }));
  const clusters = planned.length;
  const instance = uniqueName('e2e').replace(/_/g, '-');
  const database = `karmada_${instance.replace(/-/g, '_')}`;
  const stateDir = mkdtempSync(join(tmpdir(), 'karmada-e2e-'));
  const home = mkdtempSync(join(tmpdir(), 'karmada-e2e-home-'));
  const env: NodeJS.ProcessEnv = {
    KARMADA_INSTANCE: instance,
    KARMADA_STATE_DIR: stateDir,
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${database}`,
    NATS_URL: 'nats://127.0.0.1:4222',
    GATEWAY_PORT: '0',
    CLUSTER_STATUS_INTERVAL_SECONDS: '1',
    CLUSTER_FAILURE_THRESHOLD_SECONDS: '2',
    CLUSTER_SUCCESS_THRESHOLD_SECONDS: '2',
    ...options.env,
  };
  const kubeEnv = { ...process.env, HOME: home };
  const controlPlane = join(stateDir, 'kubeconfig');
  const members = await startMemberSim({ clusters: planned.map((m) => m.cluster), kubeconfigDir: join(stateDir, 'members') });
  const services = new Map<string, ServiceProcess>();

  const stop = async () => {
    await Promise.all([...services.values()].map((s) => s.kill()));
    await members.stop();
    const nc = await connect({ servers: env.NATS_URL! });
    await (await jetstreamManager(nc)).streams.delete(`KARMADA_${instance.toUpperCase()}`).catch(() => undefined);
    await nc.close();
    const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await client.end();
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  };

  const stack: E2eStack = {
    instance,
    stateDir,
    env,
    members,
    services,
    kubectl: (...args) => runCommand('kubectl', ['--kubeconfig', controlPlane, ...args], kubeEnv),
    kubectlWithInput: (input, ...args) => runCommand('kubectl', ['--kubeconfig', controlPlane, ...args], kubeEnv, input),
    memberKubectl: (member, ...args) => runCommand('kubectl', ['--kubeconfig', members.kubeconfigPath(member)!, ...args], kubeEnv),
    karmadactl: (...args) =>
      runCommand(process.execPath, [join(repoRoot, 'tools/karmadactl/bin/karmadactl.mjs'), ...args], { ...kubeEnv, KARMADA_STATE_DIR: stateDir }),
    async crashAndRestart(name) {
      await services.get(name)!.kill();
      services.set(name, await startServiceProcess(name, env, 120_000));
    },
    stop,
  };

  try {
    const started = await Promise.all(serviceCatalog.map((s) => startServiceProcess(s.name, env, 120_000)));
    for (const service of started) services.set(service.name, service);
    if (options.join ?? true) {
      for (const { cluster, join: described } of planned) {
        const name = cluster.name;
        const joined = await stack.karmadactl('join', name, '--cluster-kubeconfig', members.kubeconfigPath(name)!, ...joinFlags(described));
        if (joined.code !== 0) throw new Error(`karmadactl join ${name} failed: ${joined.stderr}`);
      }
      await waitFor(`${clusters} Ready clusters`, async () => {
        const got = await stack.kubectl('get', 'clusters', '--no-headers');
        return got.stdout.trim().split('\n').filter((line) => /\bTrue\b/.test(line)).length === clusters;
      }, { timeoutMs: 90_000, intervalMs: 500 });
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return stack;
}
