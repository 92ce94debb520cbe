import { expect } from 'chai';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { Subjects } from '@karmada-ts/contracts';
import type { BenchResult } from '../src/bench-report.js';
import type { LatencySummary } from '../src/percentiles.js';
import { runPropagateScenario } from '../src/scenarios/propagate.js';
import { stages, transitions, type Stage, type Transition } from '../src/propagate/stage-timeline.js';

type PropagateDetails = {
  completed: boolean;
  instance: string;
  stageCounts: Record<Stage, number>;
  latencyMs: Record<Transition, LatencySummary>;
  memoryMiB: Record<string, { rss: number; peak: number } | null>;
  eventsThroughSystem: number;
  eventsByType: Record<string, number>;
};

function expectCompleted(details: PropagateDetails, templates: number, clusters: number): void {
  expect(details.completed).to.equal(true);
  expect(details.stageCounts).to.deep.equal({
    accepted: templates,
    bound: templates,
    scheduled: templates,
    rendered: templates * clusters,
    applied: templates * clusters,
    aggregated: templates,
  });
  expect(Object.keys(details.stageCounts)).to.deep.equal([...stages]);
}

// A smoke test of the bench itself: a small run completes, and what it reports is consistent. How fast it was is
// the benchmark's business, not the test's.
describe('bench propagate (200 Deployments over 3 members)', function () {
  this.timeout(900_000);
  const templates = 200;
  const clusters = 3;
  const natsUrl = 'nats://127.0.0.1:4222';
  const databaseUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
  let result: BenchResult;
  let details: PropagateDetails;

  before(async () => {
    result = await runPropagateScenario({ templates, clusters, natsUrl, databaseUrl, ceilingEvents: 2_000 });
    details = result.details as PropagateDetails;
  });

  it('completes: every template aggregated ready, every Work applied', () => expectCompleted(details, templates, clusters));

  it('measures every step once per template or Work, with ordered percentiles', () => {
    const perWork = new Set<Transition>(['scheduled → rendered', 'rendered → applied', 'accepted → applied']);
    for (const t of transitions) {
      const summary = details.latencyMs[t];
      expect(summary.count, t).to.equal(perWork.has(t) ? templates * clusters : templates);
      expect(summary.p50, t).to.be.at.least(0);
      expect(summary.p50, t).to.be.at.most(summary.p90);
      expect(summary.p90, t).to.be.at.most(summary.p99);
      expect(summary.p99, t).to.be.at.most(summary.max);
    }
    // A template is ready only once its Works are applied, and each Work once its template was accepted.
    expect(details.latencyMs['accepted → aggregated'].max).to.be.at.least(details.latencyMs['accepted → applied'].max);
    expect(details.latencyMs['accepted → applied'].max).to.be.at.least(details.latencyMs['rendered → applied'].max);
  });

  it('reports throughput against the bus ceiling and the peak RSS of every process', () => {
    const figure = (name: string) => result.figures.find((f) => f.name === name)?.value;
    expect(figure('Works applied per second')).to.be.greaterThan(0);
    expect(figure('bus ceiling (raw JetStream acked publish)')).to.be.greaterThan(0);
    expect(figure('events/s ÷ bus ceiling')).to.be.greaterThan(0);
    // Each Work is rendered and reported at least once, besides its template's own events.
    expect(figure('events per Work')).to.be.at.least(2);
    expect(Object.values(details.eventsByType).reduce((a, b) => a + b, 0)).to.equal(details.eventsThroughSystem);
    const processes = ['api-gateway', 'cluster-svc', 'policy-svc', 'scheduler-svc', 'binding-svc', 'executor-svc', 'member-sim', 'bench'];
    expect(Object.keys(details.memoryMiB)).to.have.members(processes);
    for (const name of processes) expect(details.memoryMiB[name]?.peak, name).to.be.greaterThan(0);
  });

  it("reports how busy the machine's CPUs were during the run (the stack and member-sim keep them busy)", () => {
    const figure = (name: string) => result.figures.find((f) => f.name === name)?.value;
    expect(figure('machine CPU busy during the run')).to.be.within(1, 100);
    expect(figure('machine CPU stolen during the run')).to.be.within(0, 100);
  });

  it('removes its stream and its database', async () => {
    const nc = await connect({ servers: natsUrl });
    const streams: string[] = [];
    for await (const name of (await jetstreamManager(nc)).streams.names()) streams.push(name);
    await nc.close();
    expect(streams).to.not.include(new Subjects(details.instance).stream);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [`karmada_${details.instance.replace(/-/g, '_')}`]);
    await client.end();
    expect(rowCount).to.equal(0);
  });
});

// The whole stack with executor-svc's replicas dividing the members (member1, member3 to the first, member2, member4
// to the second): every Work is applied by the replica of its member, and the bench reports each replica.
describe('bench propagate with two executor-svc replicas (60 Deployments over 4 members)', function () {
  this.timeout(600_000);
  const templates = 60;
  const clusters = 4;
  let result: BenchResult;

  before(async () => {
    result = await runPropagateScenario({
      templates,
      clusters,
      natsUrl: 'nats://127.0.0.1:4222',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
      ceilingEvents: 2_000,
      replicas: { 'executor-svc': 2 },
    });
  });

  it('completes: every template aggregated ready, every Work applied', () => expectCompleted(result.details as PropagateDetails, templates, clusters));

  it('reports each executor-svc replica, and one process of every other service', () => {
    expect(result.parameters).to.deep.include({ processesPerService: { 'executor-svc': 2 } });
    const memory = (result.details as PropagateDetails).memoryMiB;
    expect(Object.keys(memory)).to.have.members(['api-gateway', 'cluster-svc', 'policy-svc', 'scheduler-svc', 'binding-svc', 'executor-svc-1', 'executor-svc-2', 'member-sim', 'bench']);
    const cpu = (name: string) => result.figures.find((f) => f.name === `CPU ${name}`)?.value;
    expect(cpu('executor-svc-1')).to.be.greaterThan(0);
    expect(cpu('executor-svc-2')).to.be.greaterThan(0);
  });
});
