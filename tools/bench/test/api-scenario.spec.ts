import { expect } from 'chai';
import { runApiScenario } from '../src/scenarios/api.js';

describe('bench api scenario (small sizes)', function () {
  this.timeout(300_000);

  it('completes against a gateway process and reports every figure with sane values', async () => {
    const result = await runApiScenario({
      rate: 20,
      seconds: 2,
      objects: 100,
      listRuns: 2,
      watchUpdates: 10,
      warmUpSeconds: 1.5,
      natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
      databaseUrl: process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432',
    });
    const figure = (name: string) => {
      const found = result.figures.find((f) => f.name === name);
      expect(found, name).not.to.equal(undefined);
      return found!.value;
    };
    expect(result.parameters).to.include({ objects: 100 });
    expect(figure('failed requests')).to.equal(0);
    expect(figure('watch events missed')).to.equal(0);
    for (const name of ['create p50', 'create p99', 'get p50', 'list of 100 objects, median']) expect(figure(name), name).to.be.greaterThan(0);
    expect(figure('create p50')).to.be.at.most(figure('create p99'));
    expect(figure('create p99')).to.be.at.most(figure('create max'));
    expect(figure('watch: update response → event p50')).to.be.at.least(0);
    expect(figure('creates/s achieved')).to.be.within(5, 40);
    expect(figure('gateway RSS at the end')).to.be.greaterThan(0);
  });
});
