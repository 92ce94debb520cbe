import { expect } from 'chai';
import type { ClusterStatusCollectedData } from '@karmada-ts/contracts';
import type { Cluster } from '@karmada-ts/domain';
import { clusterView } from './cluster-views.js';

const cluster = (extra: Partial<Cluster['metadata']> = {}): Cluster => ({
  apiVersion: 'cluster.karmada.io/v1alpha1',
  kind: 'Cluster',
  metadata: { name: 'm1', uid: 'u1', ...extra },
  spec: { syncMode: 'Push', apiEndpoint: 'https://m1' },
});
const status = (ready: 'True' | 'False', uid = 'u1'): ClusterStatusCollectedData => ({
  name: 'm1',
  uid,
  status: { conditions: [{ type: 'Ready', status: ready, reason: 'r', message: 'm', lastTransitionTime: 't' }] },
});

describe('clusterView', () => {
  const cases: { name: string; cluster: Cluster | undefined; status: ClusterStatusCollectedData | undefined; ready: boolean; terminating: boolean }[] = [
    { name: 'Ready', cluster: cluster(), status: status('True'), ready: true, terminating: false },
    { name: 'not Ready', cluster: cluster(), status: status('False'), ready: false, terminating: false },
    { name: 'no status yet', cluster: cluster(), status: undefined, ready: false, terminating: false },
    { name: 'a status of an earlier Cluster of that name', cluster: cluster(), status: status('True', 'u0'), ready: false, terminating: false },
    { name: 'a status without uid counts', cluster: cluster(), status: { ...status('True'), uid: undefined }, ready: true, terminating: false },
    { name: 'unknown Cluster', cluster: undefined, status: status('True'), ready: false, terminating: false },
    { name: 'being unjoined', cluster: cluster({ deletionTimestamp: '2026-01-01T00:00:00Z' }), status: status('False'), ready: false, terminating: true },
  ];
  for (const c of cases) {
    it(c.name, () => expect(clusterView('m1', c.cluster, c.status)).to.include({ name: 'm1', ready: c.ready, terminating: c.terminating }));
  }
});
