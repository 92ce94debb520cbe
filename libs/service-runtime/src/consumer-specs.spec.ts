import { expect } from 'chai';
import type { ConsumerSpec } from '@karmada-ts/eventstore';
import { consumerSpecsOf } from './consumer-specs.js';
import type { ProjectionConsumer } from './service-definition.js';

describe('consumerSpecsOf', () => {
  const lingers = { consumerLingerMs: 30, statusLingerMs: 500 };
  const spec = (durable: string, extra: Partial<ConsumerSpec> = {}): ConsumerSpec => ({ durable, filterSubject: `k.${durable}.>`, ...extra });
  const projection = (consumer: ConsumerSpec, readsStatuses?: boolean): ProjectionConsumer => ({
    consumer,
    projections: [],
    ...(readsStatuses === undefined ? {} : { readsStatuses }),
  });

  const cases: { name: string; plain: ConsumerSpec[]; projections: ProjectionConsumer[]; lingerMs: number[] }[] = [
    { name: 'a plain consumer lingers as consumers do', plain: [spec('a')], projections: [], lingerMs: [30] },
    { name: 'a projection consumer lingers as consumers do', plain: [], projections: [projection(spec('b'))], lingerMs: [30] },
    { name: 'readsStatuses: false is the default', plain: [], projections: [projection(spec('b'), false)], lingerMs: [30] },
    { name: 'a consumer of statuses lingers as status consumers do', plain: [], projections: [projection(spec('c'), true)], lingerMs: [500] },
    { name: "a spec's own linger wins", plain: [spec('a', { lingerMs: 0 })], projections: [projection(spec('c', { lingerMs: 7 }), true)], lingerMs: [0, 7] },
    {
      name: 'plain consumers first, then projection consumers, in their order',
      plain: [spec('a')],
      projections: [projection(spec('c'), true), projection(spec('b'))],
      lingerMs: [30, 500, 30],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const specs = consumerSpecsOf(c.plain, c.projections, lingers);
      expect(specs.map((s) => s.lingerMs)).to.deep.equal(c.lingerMs);
      expect(specs.map((s) => s.durable)).to.deep.equal([...c.plain, ...c.projections.map((p) => p.consumer)].map((s) => s.durable));
    });
  }
});
