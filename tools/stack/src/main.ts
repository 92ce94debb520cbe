import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRuntimeConfig, serviceCatalog, ConfigError } from '@karmada-ts/service-runtime';
import { nodeArgsFor, packageDir } from '../../../scripts/run-tool.mjs';
import { existsSync } from 'node:fs';
import { startMemberSim, type MemberSim } from '@karmada-ts/member-sim';
import { attachMembers, karmadactlRunner } from './attach-members.js';
import { memberPlan, MemberPlanError, type MemberPlan } from './member-plan.js';
import { ensureNats } from './nats-server.js';
import { firstEndpoint, tcpReachable } from './tcp-probe.js';
import { ProcessGroup } from './process-group.js';
import { parseStackOptions, stackUsage, UsageError } from './stack-options.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const say = (line: string) => process.stdout.write(`stack | ${line}\n`);

function fail(message: string): never {
  process.stderr.write(`stack | error: ${message}\n`);
  process.exit(1);
}

function build(): void {
  say('building (incremental TypeScript build)…');
  const result = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) fail('the build failed; fix the errors above or run with --no-build to start from sources');
}

/** Runs a service's one-shot `migrate` command: creates the database when missing and runs its migrations. */
function migrate(service: string, env: NodeJS.ProcessEnv): void {
  const result = spawnSync(process.execPath, [...nodeArgsFor(packageDir(service)), 'migrate'], { cwd: root, env, encoding: 'utf8' });
  if (result.status !== 0) {
    fail(`${service} could not prepare its database:\n${result.stderr || result.stdout}`);
  }
}

async function main(): Promise<void> {
  let options;
  try {
    options = parseStackOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) fail(`${error.message}\n\n${stackUsage}`);
    throw error;
  }
  if (options.help) {
    process.stdout.write(`${stackUsage}\n`);
    return;
  }
  let config;
  try {
    config = loadRuntimeConfig('api-gateway');
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  mkdirSync(config.stateDir, { recursive: true });
  let plan: MemberPlan[];
  try {
    plan = memberPlan(options.members);
  } catch (error) {
    if (error instanceof MemberPlanError) fail(error.message);
    throw error;
  }
  let members: MemberSim | undefined;
  if (options.build) build();

  const nats = await ensureNats(config.natsUrl, config.stateDir);
  if (nats.kind === 'missing') fail(nats.message);
  say(nats.kind === 'started' ? `started nats-server with JetStream (data in ${config.stateDir}/nats)` : `using NATS at ${config.natsUrl}`);

  const postgres = firstEndpoint(config.databaseUrl, 5432);
  if (!(await tcpReachable(postgres.host, postgres.port))) {
    fail(
      `Postgres is not reachable at ${postgres.host}:${postgres.port}.\n` +
        'Fix: start it (Debian: pg_ctlcluster 15 main start) or point DATABASE_URL at a running Postgres ≥ 15.',
    );
  }
  const env: NodeJS.ProcessEnv = { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.json') };
  say(`preparing Postgres (${config.databaseUrl.replace(/\/\/[^@]*@/, '//')}) and running migrations…`);
  for (const service of serviceCatalog) migrate(service.name, env);

  const gatewayPort = Number(config.env.GATEWAY_PORT ?? 8443);
  const labels = serviceCatalog.flatMap((s) => Array.from({ length: options.replicas }, (_, i) => `${s.name}-${i + 1}`));
  let shuttingDown = false;
  const group = new ProcessGroup(labels, (label, code) => {
    say(`${label} exited with code ${code}; stopping the stack`);
    void shutdown(1);
  });
  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    say('stopping…');
    await members?.stop();
    await group.stop();
    if (nats.kind === 'started') nats.process.kill('SIGTERM');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  for (const service of serviceCatalog) {
    for (let replica = 0; replica < options.replicas; replica++) {
      group.start({
        label: `${service.name}-${replica + 1}`,
        command: process.execPath,
        args: nodeArgsFor(packageDir(service.name)),
        cwd: root,
        env: {
          ...env,
          HTTP_PORT: String(service.port + replica),
          KARMADA_REPLICA: String(replica + 1),
          KARMADA_REPLICAS: String(options.replicas),
          // Each gateway replica serves the API on its own port: 8443, 8444, …
          ...(service.name === 'api-gateway' ? { GATEWAY_PORT: String(gatewayPort + replica) } : {}),
        },
      });
    }
  }
  say(`${labels.length} processes started; Ctrl-C stops them`);

  if (plan.length > 0) members = await startAndJoinMembers(plan, config.stateDir, env);
  const kubeconfig = await waitForGateway(config.stateDir);
  say(`ready: kubectl --kubeconfig ${kubeconfig} get clusters`);
}

/** How long `npm start` waits for the gateway's admin kubeconfig and readiness before joining members. */
const gatewayWaitMs = 120_000;

async function waitForGateway(stateDir: string): Promise<string> {
  const kubeconfig = join(stateDir, 'kubeconfig');
  const gatewayHealth = `http://127.0.0.1:${serviceCatalog.find((s) => s.name === 'api-gateway')!.port}/readyz`;
  const deadline = Date.now() + gatewayWaitMs;
  while (Date.now() < deadline) {
    const ready = existsSync(kubeconfig) && (await fetch(gatewayHealth).then((r) => r.ok, () => false));
    if (ready) return kubeconfig;
    await new Promise((r) => setTimeout(r, 250));
  }
  fail(`the api-gateway did not become ready within ${gatewayWaitMs / 1000}s; see its log lines above`);
}

/** Starts the simulated members in this process and joins them through the gateway with karmadactl. */
async function startAndJoinMembers(plan: readonly MemberPlan[], stateDir: string, env: NodeJS.ProcessEnv): Promise<MemberSim> {
  const kubeconfigDir = join(stateDir, 'members');
  const sim = await startMemberSim({ clusters: plan.map((m) => m.cluster) as never, kubeconfigDir });
  say(`member-sim serves ${plan.length} simulated member cluster(s) at ${sim.url}; kubeconfigs in ${kubeconfigDir}`);
  const controlPlaneKubeconfig = await waitForGateway(stateDir);
  const outcomes = await attachMembers(plan, {
    controlPlaneKubeconfig,
    memberKubeconfig: (name) => sim.kubeconfigPath(name)!,
    memberAccess: (name) => ({ server: `${sim.url}/clusters/${name}`, token: sim.token(name), caPem: sim.caPem }),
    karmadactl: karmadactlRunner(join(root, 'tools/karmadactl/bin/karmadactl.mjs'), env),
  });
  for (const outcome of outcomes) {
    say('error' in outcome ? `could not join ${outcome.name}: ${outcome.error}` : `${outcome.name} ${outcome.action}`);
  }
  return sim;
}

await main();
