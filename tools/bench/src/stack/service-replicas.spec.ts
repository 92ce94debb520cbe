import { expect } from 'chai';
import { parseServiceReplicas, replicasOf } from './service-replicas.js';

describe('--replicas', () => {
  const parsed = [
    { raw: '2', want: 2 },
    { raw: ' 1 ', want: 1 },
    { raw: 'executor-svc=2', want: { 'executor-svc': 2 } },
    { raw: 'executor-svc=3, binding-svc=2', want: { 'executor-svc': 3, 'binding-svc': 2 } },
  ];
  for (const c of parsed) it(`reads ${JSON.stringify(c.raw)}`, () => expect(parseServiceReplicas(c.raw)).to.deep.equal(c.want));

  const refused = ['0', 'two', '9', 'executor=2', 'executor-svc=0', 'executor-svc=2=3', 'executor-svc=2,executor-svc=3', 'executor-svc'];
  for (const raw of refused) it(`refuses ${JSON.stringify(raw)}, naming the services`, () => expect(() => parseServiceReplicas(raw)).to.throw(/executor-svc/));

  const counts = [
    { replicas: undefined, service: 'binding-svc' as const, want: 1 },
    { replicas: 2, service: 'binding-svc' as const, want: 2 },
    { replicas: { 'executor-svc': 3 }, service: 'executor-svc' as const, want: 3 },
    { replicas: { 'executor-svc': 3 }, service: 'binding-svc' as const, want: 1 },
  ];
  for (const c of counts) it(`runs ${c.want} of ${c.service} for ${JSON.stringify(c.replicas)}`, () => expect(replicasOf(c.replicas, c.service)).to.equal(c.want));
});
