import { expect } from 'chai';
import type { Cluster } from '../api/cluster.js';
import type { ClusterAffinity } from '../api/policy.js';
import { matchesClusterAffinity } from './cluster-affinity.js';

const member1: Cluster = {
  apiVersion: 'cluster.karmada.io/v1alpha1',
  kind: 'Cluster',
  metadata: { name: 'member1', labels: { env: 'prod' } },
  spec: { syncMode: 'Push', provider: 'aws', region: 'eu-west-1', zones: ['eu-west-1a', 'eu-west-1b'] },
};
const bare: Cluster = { ...member1, metadata: { name: 'bare' }, spec: { syncMode: 'Pull' } };

const cases: { name: string; cluster?: Cluster; affinity: ClusterAffinity; want: boolean }[] = [
  { name: 'an empty affinity matches all', affinity: {}, want: true },
  { name: 'clusterNames lists it', affinity: { clusterNames: ['member1', 'member2'] }, want: true },
  { name: 'clusterNames does not list it', affinity: { clusterNames: ['member2'] }, want: false },
  { name: 'exclude wins over clusterNames', affinity: { clusterNames: ['member1'], exclude: ['member1'] }, want: false },
  { name: 'labelSelector matches', affinity: { labelSelector: { matchLabels: { env: 'prod' } } }, want: true },
  { name: 'labelSelector does not match', affinity: { labelSelector: { matchLabels: { env: 'dev' } } }, want: false },
  { name: 'labelSelector and names are ANDed', affinity: { labelSelector: { matchLabels: { env: 'prod' } }, clusterNames: ['member2'] }, want: false },
  { name: 'provider In', affinity: { fieldSelector: { matchExpressions: [{ key: 'provider', operator: 'In', values: ['aws'] }] } }, want: true },
  { name: 'region NotIn', affinity: { fieldSelector: { matchExpressions: [{ key: 'region', operator: 'NotIn', values: ['eu-west-1'] }] } }, want: false },
  { name: 'region NotIn on a cluster without region', cluster: bare, affinity: { fieldSelector: { matchExpressions: [{ key: 'region', operator: 'NotIn', values: ['x'] }] } }, want: true },
  { name: 'zone In: any overlap', affinity: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['eu-west-1b', 'x'] }] } }, want: true },
  { name: 'zone In on a cluster without zones', cluster: bare, affinity: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['x'] }] } }, want: false },
  { name: 'zone NotIn: one listed zone fails it', affinity: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['eu-west-1a'] }] } }, want: false },
  { name: 'zone Exists', affinity: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] } }, want: true },
  { name: 'zone DoesNotExist', cluster: bare, affinity: { fieldSelector: { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] } }, want: true },
];

describe('matchesClusterAffinity', () => {
  for (const c of cases) it(c.name, () => expect(matchesClusterAffinity(c.cluster ?? member1, c.affinity)).to.equal(c.want));
});
