import { expect } from 'chai';
import { Subjects } from '@karmada-ts/contracts';
import { ownsCluster, wholePartition, type ReplicaPartition } from '@karmada-ts/service-runtime';
import { executorShares } from './partition.js';
import { clusterResource } from './resources.js';

describe('executorShares', () => {
  const subjects = new Subjects('shares');
  const first: ReplicaPartition = { replica: 1, replicas: 2 };
  const second: ReplicaPartition = { replica: 2, replicas: 2 };
  // member1 and member3 hash to the first of two replicas, member2 to the second (replica-partition.spec.ts).
  const cases = [
    { name: "a Work in member1's execution space", share: executorShares.works, subject: subjects.work('karmada-es-member1', 'web-deployment'), firstReads: true },
    { name: "a Work in member2's execution space", share: executorShares.works, subject: subjects.work('karmada-es-member2', 'web-deployment'), firstReads: false },
    { name: 'a Work of a cluster whose name needs encoding', share: executorShares.works, subject: subjects.work('karmada-es-eu.west', 'w'), firstReads: ownsCluster(first, 'eu.west') },
    { name: 'a Work outside an execution space, by its namespace', share: executorShares.works, subject: subjects.work('default', 'w'), firstReads: ownsCluster(first, 'default') },
    { name: 'the Cluster member3', share: executorShares.clusters, subject: subjects.template(clusterResource, undefined, 'member3'), firstReads: true },
    { name: 'the Cluster member2', share: executorShares.clusters, subject: subjects.template(clusterResource, undefined, 'member2'), firstReads: false },
    { name: "member1's status", share: executorShares.clusterStatuses, subject: subjects.clusterStatus('member1'), firstReads: true },
    { name: "member2's status", share: executorShares.clusterStatuses, subject: subjects.clusterStatus('member2'), firstReads: false },
  ];
  for (const c of cases) {
    it(`${c.name}: read by ${c.firstReads ? 'the first' : 'the second'} of two replicas only`, () => {
      expect(c.share(first).readsSubject!(c.subject)).to.equal(c.firstReads);
      expect(c.share(second).readsSubject!(c.subject)).to.equal(!c.firstReads);
    });
  }

  it('leaves a subject that does not parse to the handler of every replica', () => {
    for (const partition of [first, second]) expect(executorShares.works(partition).readsSubject!('shares.work.too.many.tokens')).to.equal(true);
  });

  it('says nothing without a partition: the consumers read every subject', () => {
    for (const share of Object.values(executorShares)) expect(share(wholePartition)).to.deep.equal({});
  });
});
