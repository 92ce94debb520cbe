import { expect } from 'chai';
import type { BenchResult } from '../src/bench-report.js';
import type { LatencySummary } from '../src/percentiles.js';
import { runSteadyScenario } from '../src/scenarios/steady.js';
import { memberGroups, steadyTemplate } from '../src/steady/steady-workload.js';

// A smoke test of the bench itself: a small paced run completes and what it reports is consistent. How fast it was
// is the benchmark's business, not the test's.
describe('bench steady (5 creates/s for 10 s over 3 members)', function () {
  this.timeout(600_000);
  const rate = 5;
  const seconds = 10;
  const clusters = 3;
  const templates = rate * seconds;
  // Works the mix asks for: 1, 2, 3, 3 replicas over one group of three members.
  const expectedWorks = Array.from({ length: templates }, (_, i) => steadyTemplate(i, memberGroups(clusters)).works).reduce((a, b) => a + b, 0);
  let result: BenchResult;
  let details: {
    completed: boolean;
    acceptedTemplates: number;
    refusedCreates: number;
    expectedWorks: number;
    stageCounts: Record<string, number>;
    latencyMs: Record<string, LatencySummary>;
    allAppliedOverTimeMs: (LatencySummary & { acceptedFromSeconds: number })[];
    deadLetters: Record<string, number>;
    memoryMiB: Record<string, { rss: number; peak: number } | null>;
  };
  const figure = (name: string) => result.figures.find((f) => f.name === name)?.value;

  before(async () => {
    result = await runSteadyScenario({
      rate,
      seconds,
      clusters,
      natsUrl: 'nats://127.0.0.1:4222',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
      ceilingEvents: 2_000,
    });
    details = result.details as typeof details;
  });

  it('completes: every create accepted, every template with all the Works of its placement applied', () => {
    expect(details.completed).to.equal(true);
    expect(details.acceptedTemplates).to.equal(templates);
    expect(details.refusedCreates).to.equal(0);
    expect(figure('templates with every Work applied')).to.equal(templates);
    expect(details.expectedWorks).to.equal(expectedWorks);
    expect(details.stageCounts).to.include({ accepted: templates, scheduled: templates, rendered: expectedWorks, applied: expectedWorks });
    expect(details.deadLetters).to.deep.equal({});
  });

  it('measures accepted → first and → all Works applied once per template, with ordered percentiles', () => {
    const first = details.latencyMs['accepted → first Work applied']!;
    const all = details.latencyMs['accepted → all Works applied']!;
    for (const [name, summary] of Object.entries({ first, all })) {
      expect(summary.count, name).to.equal(templates);
      expect(summary.p50, name).to.be.greaterThan(0);
      expect(summary.p50, name).to.be.at.most(summary.p95);
      expect(summary.p95, name).to.be.at.most(summary.p99);
      expect(summary.p99, name).to.be.at.most(summary.max);
    }
    // A template's last Work is applied no sooner than its first.
    expect(all.p50).to.be.at.least(first.p50);
    expect(all.max).to.be.at.least(first.max);
  });

  it('splits accepted → all Works applied by when the templates were accepted, 10 s a window, every template in one', () => {
    const windows = details.allAppliedOverTimeMs;
    expect(windows.map((w) => w.acceptedFromSeconds)).to.deep.equal(windows.map((_, i) => 10 * i));
    expect(windows.length).to.be.within(1, 2);
    expect(windows.reduce((sum, w) => sum + w.count, 0)).to.equal(templates);
    expect(Math.max(...windows.map((w) => w.max))).to.equal(details.latencyMs['accepted → all Works applied']!.max);
  });

  it('reports the rate asked and achieved, the bus ceiling and the peak RSS of every process', () => {
    expect(figure('creates asked')).to.equal(rate);
    expect(figure('creates accepted')).to.be.greaterThan(0);
    expect(figure('bus ceiling (raw JetStream acked publish)')).to.be.greaterThan(0);
    const processes = ['api-gateway', 'cluster-svc', 'policy-svc', 'scheduler-svc', 'binding-svc', 'executor-svc', 'member-sim', 'bench'];
    expect(Object.keys(details.memoryMiB)).to.have.members(processes);
    for (const name of processes) expect(details.memoryMiB[name]?.peak, name).to.be.greaterThan(0);
  });

  it("reports how busy the machine's CPUs were while creating and after", () => {
    for (const phase of ['while creating', 'after the creates']) {
      expect(figure(`machine CPU busy ${phase}`), phase).to.be.within(1, 100);
      expect(figure(`machine CPU stolen ${phase}`), phase).to.be.within(0, 100);
    }
  });
});
