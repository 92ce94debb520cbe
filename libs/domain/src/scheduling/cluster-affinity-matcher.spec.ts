import { expect } from 'chai';
import type { ClusterAffinity } from '../api/policy.js';
import { compileClusterAffinity } from './cluster-affinity-matcher.js';
import { cluster, viewOf } from './fixtures.spec.js';

describe('compileClusterAffinity', () => {
  const member1 = viewOf(cluster('member1', { labels: { env: 'prod' }, provider: 'aws', region: 'us-east-1', zones: ['us-east-1a', 'us-east-1b'] }));
  const bare = viewOf(cluster('bare'));
  const cases: { name: string; affinity: ClusterAffinity; target?: typeof member1; want: boolean }[] = [
    { name: 'empty affinity matches all', affinity: {}, want: true },
    { name: 'clusterNames lists it', affinity: { clusterNames: ['member1', 'member2'] }, want: true },
    { name: 'clusterNames does not list it', affinity: { clusterNames: ['member2'] }, want: false },
    { name: 'exclude wins over clusterNames', affinity: { clusterNames: ['member1'], exclude: ['member1'] }, want: false },
    { name: 'labelSelector matches', affinity: { labelSelector: { matchLabels: { env: 'prod' } } }, want: true },
    { name: 'labelSelector and clusterNames are ANDed', affinity: { labelSelector: { matchLabels: { env: 'dev' } }, clusterNames: ['member1'] }, want: false },
    { name: 'provider In', affinity: { fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: ['aws'] }] } }, want: true },
    { name: 'region NotIn', affinity: { fieldSelector: { matchExpressions: [{ key: 'region', operator: 'NotIn', values: ['us-east-1'] }] } }, want: false },
    {
      name: 'region NotIn matches a cluster without region',
      affinity: { fieldSelector: { matchExpressions: [{ key: 'region', operator: 'NotIn', values: ['us-east-1'] }] } },
      target: bare,
      want: true,
    },
    { name: 'zone In: any overlap', affinity: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['us-east-1b', 'x'] }] } }, want: true },
    { name: 'zone NotIn: no listed zone at all', affinity: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['us-east-1b'] }] } }, want: false },
    { name: 'zone Exists', affinity: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] } }, want: true },
    { name: 'zone DoesNotExist on a cluster without zones', affinity: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] } }, target: bare, want: true },
    { name: 'zone In on a cluster without zones', affinity: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } }, target: bare, want: false },
    {
      name: 'field expressions are ANDed',
      affinity: { fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: ['aws'] }, { key: 'region', operator: 'In', values: ['eu-west-1'] }] } },
      want: false,
    },
    { name: 'an invalid field expression matches nothing', affinity: { fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: [] }] } }, want: false },
  ];
  for (const c of cases) {
    it(c.name, () => expect(compileClusterAffinity(c.affinity)(c.target ?? member1)).to.equal(c.want));
  }
});
