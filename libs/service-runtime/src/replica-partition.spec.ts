import { expect } from 'chai';
import { ConfigError } from './config-error.js';
import { loadReplicaPartition, ownsCluster, partitionDurable, wholePartition } from './replica-partition.js';

describe('replica partition', () => {
  const names = Array.from({ length: 300 }, (_, i) => `member${i + 1}`);

  it('gives every cluster to exactly one replica', () => {
    for (const name of names) {
      const owners = [1, 2, 3].filter((replica) => ownsCluster({ replica, replicas: 3 }, name));
      expect(owners, name).to.have.length(1);
    }
  });

  it('spreads clusters evenly enough', () => {
    const counts = [1, 2, 3].map((replica) => names.filter((name) => ownsCluster({ replica, replicas: 3 }, name)).length);
    for (const count of counts) expect(count).to.be.within(70, 130);
  });

  it('is stable: a name lands on the same replica in every process and release', () => {
    const owner = (name: string) => [1, 2].find((replica) => ownsCluster({ replica, replicas: 2 }, name));
    expect(['member1', 'member2', 'member3', 'member4'].map(owner)).to.deep.equal([1, 2, 1, 2]);
  });

  it('without a partition every replica owns every cluster', () => {
    expect(names.every((name) => ownsCluster(wholePartition, name))).to.equal(true);
  });

  const loads = [
    { name: 'nothing set: no partition', env: {}, want: wholePartition },
    { name: 'one replica', env: { KARMADA_REPLICA: '1', KARMADA_REPLICAS: '1' }, want: wholePartition },
    { name: 'a partition of three replicas', env: { KARMADA_REPLICA: '2', KARMADA_REPLICAS: '3' }, want: { replica: 2, replicas: 3 } },
    { name: "the stack's replica number alone does not partition", env: { KARMADA_REPLICA: '2' }, want: wholePartition },
    { name: 'blanks around the numbers', env: { KARMADA_REPLICA: ' 3 ', KARMADA_REPLICAS: ' 3' }, want: { replica: 3, replicas: 3 } },
  ];
  for (const c of loads) it(`loads ${c.name}`, () => expect(loadReplicaPartition(c.env)).to.deep.equal(c.want));

  const refused = [
    { name: 'a replica outside the partition', env: { KARMADA_REPLICA: '4', KARMADA_REPLICAS: '3' }, message: /KARMADA_REPLICA=4 .* expected 1 to 3/ },
    { name: 'zero replicas', env: { KARMADA_REPLICAS: '0' }, message: /KARMADA_REPLICAS="0"/ },
    { name: 'a replica that is not a number', env: { KARMADA_REPLICA: 'two', KARMADA_REPLICAS: '2' }, message: /KARMADA_REPLICA="two"/ },
    { name: 'more than 64 replicas', env: { KARMADA_REPLICAS: '65' }, message: /from 1 to 64/ },
  ];
  for (const c of refused) {
    it(`refuses ${c.name}`, () => expect(() => loadReplicaPartition(c.env)).to.throw(ConfigError, c.message));
  }

  const durables = [
    { partition: wholePartition, want: 'executor-svc-works' },
    { partition: { replica: 1, replicas: 2 }, want: 'executor-svc-works-1-of-2' },
    { partition: { replica: 3, replicas: 3 }, want: 'executor-svc-works-3-of-3' },
  ];
  for (const c of durables) {
    it(`names the durable of replica ${c.partition.replica} of ${c.partition.replicas} ${c.want}`, () =>
      expect(partitionDurable('executor-svc-works', c.partition)).to.equal(c.want));
  }
});
