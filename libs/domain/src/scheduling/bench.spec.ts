import { expect } from 'chai';
import { benchSchedule } from './bench.js';

describe('benchSchedule', () => {
  const cases = [
    { name: 'a small snapshot', clusters: 120, bindings: 40 },
    { name: 'a larger snapshot', clusters: 400, bindings: 16 },
  ];
  for (const c of cases) {
    it(`schedules every binding of the mix on ${c.name}, timed by the clock it is given`, () => {
      let tick = 0;
      const report = benchSchedule({ clusters: c.clusters, bindings: c.bindings }, () => tick++);
      expect(report.reasons).to.deep.equal({ Success: c.bindings });
      expect(report.decisions).to.equal(c.bindings);
      // The fake clock advances by one per reading: every decision lasts 1 ms, the whole run 2·n+1 ms.
      expect([report.p50Ms, report.p99Ms, report.maxMs]).to.deep.equal([1, 1, 1]);
      expect(report.decisionsPerSecond).to.equal(Math.round((c.bindings * 1000) / (2 * c.bindings + 1)));
      expect(Object.keys(report.byPlacement)).to.have.length(8);
    });
  }
});
