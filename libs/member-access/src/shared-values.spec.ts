import { expect } from 'chai';
import { SharedValues } from './shared-values.js';

interface Demand {
  readonly cpu: number;
  readonly memory: number;
}

const keyOf = (d: Demand) => `${d.cpu}/${d.memory}`;

describe('SharedValues', () => {
  const cases: { name: string; values: Demand[]; sameAsFirst: boolean[] }[] = [
    { name: 'equal values', values: [{ cpu: 10, memory: 16 }, { cpu: 10, memory: 16 }, { cpu: 10, memory: 16 }], sameAsFirst: [true, true, true] },
    { name: 'different values', values: [{ cpu: 10, memory: 16 }, { cpu: 20, memory: 16 }, { cpu: 10, memory: 32 }], sameAsFirst: [true, false, false] },
  ];
  for (const c of cases) {
    it(`gives back the first of ${c.name} for each that equals it`, () => {
      const shared = new SharedValues(keyOf);
      const kept = c.values.map((v) => shared.share(v));
      expect(kept.map((k) => k === kept[0])).to.deep.equal(c.sameAsFirst);
      kept.forEach((k, i) => expect(k).to.deep.equal(c.values[i]));
    });
  }

  it('forgets what it kept once it knows `capacity` distinct values, and never holds more', () => {
    const shared = new SharedValues(keyOf, 3);
    const first = shared.share({ cpu: 1, memory: 1 });
    for (let cpu = 2; cpu <= 10; cpu++) {
      shared.share({ cpu, memory: 1 });
      expect(shared.size).to.be.at.most(3);
    }
    const again = { cpu: 1, memory: 1 };
    expect(shared.share(again)).to.equal(again).and.not.equal(first);
  });
});
