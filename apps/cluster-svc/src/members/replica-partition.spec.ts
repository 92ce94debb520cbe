import { expect } from 'chai';
import { ownsCluster } from './replica-partition.js';

describe('ownsCluster', () => {
  const names = Array.from({ length: 300 }, (_, i) => `member${i + 1}`);

  it('gives every cluster to exactly one replica', () => {
    for (const name of names) {
      const owners = [1, 2, 3].filter((replica) => ownsCluster(name, replica, 3));
      expect(owners, name).to.have.length(1);
    }
  });

  it('spreads clusters evenly enough', () => {
    const counts = [1, 2, 3].map((replica) => names.filter((name) => ownsCluster(name, replica, 3)).length);
    for (const count of counts) expect(count).to.be.within(70, 130);
  });

  it('is stable: a name lands on the same replica in every process and release', () => {
    expect(['member1', 'member2', 'member3', 'member4'].map((n) => [1, 2].find((r) => ownsCluster(n, r, 2)))).to.deep.equal([1, 2, 1, 2]);
  });

  it('without a partition every replica owns every cluster', () => {
    expect(names.every((name) => ownsCluster(name, 1, 1))).to.equal(true);
  });
});
