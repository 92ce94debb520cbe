import { expect } from 'chai';
import { percentile, summarize } from '../src/percentiles.js';

describe('percentiles', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
  const cases = [
    { name: 'no values', values: [], want: { count: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0 } },
    { name: 'one value', values: [7], want: { count: 1, p50: 7, p90: 7, p95: 7, p99: 7, max: 7 } },
    { name: 'nearest rank of 1…100 in any order', values: hundred, want: { count: 100, p50: 50, p90: 90, p95: 95, p99: 99, max: 100 } },
    { name: 'ten values', values: [5, 1, 9, 3, 7, 2, 8, 4, 6, 10], want: { count: 10, p50: 5, p90: 9, p95: 10, p99: 10, max: 10 } },
  ];
  for (const c of cases) {
    it(`summarizes ${c.name}`, () => {
      expect(summarize(c.values)).to.deep.equal(c.want);
      expect(percentile(c.values, 50)).to.equal(c.want.p50);
    });
  }
});
