import { parseArgs } from 'node:util';
import { benchBackbone, backboneBenchResult } from './scenarios/backbone.js';
import { runMemberSimScenario } from './scenarios/member-sim.js';
import { runClustersScenario } from './scenarios/clusters.js';
import { runSchedulerScenario } from './scenarios/scheduler.js';
import { formatTable, writeJson, type BenchResult } from './bench-report.js';

const usage = `Usage: npm run bench -- <scenario> [options] [--json PATH]

Scenarios:
  backbone     raw JetStream publish ceiling, EventStore appends, projection throughput   [--events N]
  member-sim   one simulator process with N clusters: idle RSS, applies/s           [--clusters N --applies N]
  scheduler    scheduling decisions/s against N candidate clusters                  [--clusters N --bindings N]
  clusters     cluster-svc over N members: time to Ready, idle CPU and events, taint latency   [--clusters N]
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
  scheduler: async (values) =>
    runSchedulerScenario({ clusters: positive(values, 'clusters', 1000), bindings: positive(values, 'bindings', 10_000) }),
  clusters: (values) =>
    runClustersScenario({
      clusters: positive(values, 'clusters', 1000),
      natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
      databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/karmada_bench',
    }),
};

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
