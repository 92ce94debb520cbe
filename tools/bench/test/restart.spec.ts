import { expect } from 'chai';
import type { BenchResult } from '../src/bench-report.js';
import type { Consistency } from '../src/restart/consistency.js';
import type { Recovery } from '../src/restart/service-recovery.js';
import { runRestartScenario } from '../src/scenarios/restart.js';

// A smoke test of the bench itself: with 20 × 2 Works in place, the gateway (whose port changes) and the executor
// (which talks to the members) are killed and restarted; each recovers and nothing is lost. How fast is not asserted.
describe('bench restart (20 Deployments × 2 members; api-gateway and executor-svc)', function () {
  this.timeout(600_000);
  const templates = 20;
  const clusters = 2;
  const services = ['api-gateway', 'executor-svc'] as const;
  let result: BenchResult;
  let details: { recoveries: Recovery[]; after: Consistency };

  before(async () => {
    result = await runRestartScenario({
      templates,
      clusters,
      services,
      natsUrl: 'nats://127.0.0.1:4222',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
    });
    details = result.details as typeof details;
  });

  it('restarts each service in turn, which then serves and catches up', () => {
    expect(details.recoveries.map((r) => r.service)).to.deep.equal([...services]);
    for (const r of details.recoveries) {
      expect(r.startedSeconds, r.service).to.be.greaterThan(0);
      expect(r.servingSeconds, r.service).to.be.at.least(r.startedSeconds);
      expect(r.caughtUpSeconds, r.service).to.be.at.least(r.startedSeconds);
      expect(r.peakRssMiB, r.service).to.be.greaterThan(0);
    }
  });

  it('loses nothing: every Work still there and Applied, every template ready, every member holding its Deployments', () => {
    expect(details.after).to.deep.equal({
      works: templates * clusters,
      worksApplied: templates * clusters,
      templates,
      templatesReady: templates,
      inMembers: { member1: templates, member2: templates },
      deadLetters: {},
    });
  });

  it('reports a figure per service and per point reached', () => {
    const names = result.figures.map((f) => f.name);
    for (const service of services) {
      expect(names).to.include.members([`${service}: restart → started`, `${service}: restart → serving`, `${service}: restart → caught up`]);
    }
  });
});
