import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serviceNames, type ServiceName } from '@karmada-ts/service-runtime';
import { benchBackbone, backboneBenchResult } from './scenarios/backbone.js';
import { runMemberSimScenario } from './scenarios/member-sim.js';
import { runClustersScenario } from './scenarios/clusters.js';
import { runSchedulerScenario } from './scenarios/scheduler.js';
import { runApiScenario } from './scenarios/api.js';
import { runPropagateScenario } from './scenarios/propagate.js';
import { runSteadyScenario } from './scenarios/steady.js';
import { runRestartScenario } from './scenarios/restart.js';
import { formatTable, writeJson, type BenchResult } from './bench-report.js';
import { parseServiceReplicas } from './stack/service-replicas.js';

const usage = `Usage: npm run bench -- <scenario> [options] [--json PATH]

Scenarios:
  backbone     raw JetStream publish ceiling, EventStore appends, projection throughput   [--events N]
  member-sim   one simulator process with N clusters: idle RSS, applies/s           [--clusters N --applies N]
  scheduler    scheduling decisions/s against N candidate clusters, then a failover of M bindings through the whole stack  [--clusters N --bindings N --failover-bindings M]
  clusters     cluster-svc over N members: time to Ready, idle CPU and events, taint latency   [--clusters N]
  propagate    N Deployments over K members through the whole stack: Works/s, stage latencies, RSS  [--templates N --clusters K --max-seconds S --replicas N|service=N,… --profile DIR]
  api          gateway API under load: create/get latency at a paced rate, list of N objects, watch latency   [--rate N --seconds N --objects N --profile DIR]
  steady       open-loop creates at R/s for S s over K members: accepted → applied in member p50/p95/p99, RSS   [--rate R --seconds S --clusters K --profile DIR]
  restart      with N×K Works in place, kill -9 and restart each service in turn: time to serving and caught up   [--templates N --clusters K --services a,b]
  all          every scenario above with its defaults

Environment: NATS_URL, DATABASE_URL (the backbone scenario works on scratch streams and schemas it removes).`;

type Runner = (values: Record<string, string | undefined>) => Promise<BenchResult>;

const positive = (values: Record<string, string | undefined>, name: string, fallback: number): number => {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} ${raw} is not a positive integer`);
  return value;
};

const scenarios: Record<string, Runner> = {
  backbone: async (values) =>
    backboneBenchResult(
      await benchBackbone({
        events: positive(values, 'events', 50_000),
        natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
        databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/karmada_bench',
      }),
    ),
  'member-sim': (values) =>
    runMemberSimScenario({ clusters: positive(values, 'clusters', 1000), applies: positive(values, 'applies', 20_000) }),
  scheduler: (values) =>
    runSchedulerScenario({
      clusters: positive(values, 'clusters', 1000),
      bindings: positive(values, 'bindings', 10_000),
      failoverBindings: positive(values, 'failover-bindings', 1000),
      natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
      databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/karmada_bench',
      progress: (line) => process.stderr.write(`scheduler | ${line}\n`),
    }),
  clusters: (values) =>
    runClustersScenario({
      clusters: positive(values, 'clusters', 1000),
      natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
      databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/karmada_bench',
    }),
  propagate: (values) =>
    runPropagateScenario({
      templates: positive(values, 'templates', 1000),
      clusters: positive(values, 'clusters', 3),
      natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
      databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/karmada_bench',
      ...(values['max-seconds'] === undefined ? {} : { maxSeconds: positive(values, 'max-seconds', 0) }),
      ...(values['profile'] ? { profileDir: resolve(values['profile']) } : {}),
      ...(values['replicas'] === undefined ? {} : { replicas: parseServiceReplicas(values['replicas']) }),
      progress: (line) => process.stderr.write(`propagate | ${line}\n`),
    }),
  api: (values) =>
    runApiScenario({
      rate: positive(values, 'rate', 200),
      seconds: positive(values, 'seconds', 30),
      objects: positive(values, 'objects', 10_000),
      natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
      databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/karmada_bench',
      ...(values['profile'] ? { profileDir: resolve(values['profile']) } : {}),
      progress: (line) => process.stderr.write(`api | ${line}\n`),
    }),
  steady: (values) =>
    runSteadyScenario({
      rate: positive(values, 'rate', 50),
      seconds: positive(values, 'seconds', 120),
      clusters: positive(values, 'clusters', 100),
      natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
      databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/karmada_bench',
      ...(values['profile'] ? { profileDir: resolve(values['profile']) } : {}),
      progress: (line) => process.stderr.write(`steady | ${line}\n`),
    }),
  restart: (values) =>
    runRestartScenario({
      templates: positive(values, 'templates', 10_000),
      clusters: positive(values, 'clusters', 10),
      ...(values['services'] === undefined ? {} : { services: servicesOf(values['services']) }),
      natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
      databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/karmada_bench',
      progress: (line) => process.stderr.write(`restart | ${line}\n`),
    }),
};

/** `--services api-gateway,policy-svc`: services of the catalog, in the order given. */
function servicesOf(raw: string): ServiceName[] {
  const names = raw.split(',').map((n) => n.trim());
  const unknown = names.filter((n) => !(serviceNames as readonly string[]).includes(n));
  if (unknown.length > 0 || names.length === 0) throw new Error(`--services ${raw}: expected a comma-separated list of ${serviceNames.join(', ')}`);
  return names as ServiceName[];
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        json: { type: 'string' },
        events: { type: 'string' },
        clusters: { type: 'string' },
        applies: { type: 'string' },
        bindings: { type: 'string' },
        'failover-bindings': { type: 'string' },
        templates: { type: 'string' },
        'max-seconds': { type: 'string' },
        rate: { type: 'string' },
        seconds: { type: 'string' },
        objects: { type: 'string' },
        profile: { type: 'string' },
        services: { type: 'string' },
        replicas: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }
  const [name] = parsed.positionals;
  if (parsed.values.help || !name) {
    process.stdout.write(`${usage}\n`);
    return name || parsed.values.help ? 0 : 2;
  }
  const selected = name === 'all' ? Object.keys(scenarios) : [name];
  const unknown = selected.find((s) => !scenarios[s]);
  if (unknown) {
    process.stderr.write(`unknown scenario "${unknown}"\n\n${usage}\n`);
    return 2;
  }
  const values = parsed.values as Record<string, string | undefined>;
  const results: BenchResult[] = [];
  for (const scenario of selected) {
    process.stdout.write(`running ${scenario}…\n`);
    const result = await scenarios[scenario]!(name === 'all' ? {} : values);
    results.push(result);
    process.stdout.write(`\n${formatTable(result)}\n\n`);
  }
  if (parsed.values.json) {
    writeJson(parsed.values.json, results);
    process.stdout.write(`wrote ${parsed.values.json}\n`);
  }
  return 0;
}

process.exitCode = await main();
