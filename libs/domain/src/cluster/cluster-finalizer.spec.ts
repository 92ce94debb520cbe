import { expect } from 'chai';
import { clusterFinalizerReleasable } from './cluster-finalizer.js';

const deleting = '2026-01-01T00:00:00Z';
const finalizer = 'karmada.io/cluster-controller';

describe('clusterFinalizerReleasable', () => {
  const cases = [
    { name: 'a deleting cluster without Works is released at once', metadata: { deletionTimestamp: deleting, finalizers: [finalizer] }, works: 0, want: true },
    { name: 'a deleting cluster waits for its Works to be cleaned up', metadata: { deletionTimestamp: deleting, finalizers: [finalizer] }, works: 2, want: false },
    { name: 'a cluster that is not being deleted keeps its finalizer', metadata: { finalizers: [finalizer] }, works: 0, want: false },
    { name: 'nothing to release once the finalizer is gone', metadata: { deletionTimestamp: deleting, finalizers: ['other'] }, works: 0, want: false },
    { name: 'nothing to release on a cluster that never had finalizers', metadata: { deletionTimestamp: deleting }, works: 0, want: false },
  ];
  for (const c of cases) it(c.name, () => expect(clusterFinalizerReleasable(c.metadata, c.works)).to.equal(c.want));
});
