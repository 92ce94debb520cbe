import { expect } from 'chai';
import { humanDuration } from './duration.js';
import { formatTimestamp } from './time.js';

describe('humanDuration (AGE columns)', () => {
  const s = 1000;
  const m = 60 * s;
  const h = 60 * m;
  const d = 24 * h;
  const cases: [number, string][] = [
    [-5 * s, '<invalid>'],
    [-1 * s, '0s'],
    [0, '0s'],
    [16 * s, '16s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [5 * m + 2 * s, '5m2s'],
    [10 * m + 30 * s, '10m'],
    [179 * m, '179m'],
    [3 * h + 10 * m, '3h10m'],
    [7 * h, '7h'],
    [8 * h + 30 * m, '8h'],
    [47 * h, '47h'],
    [2 * d + 4 * h, '2d4h'],
    [3 * d, '3d'],
    [30 * d, '30d'],
    [800 * d, '2y70d'],
    [3000 * d, '8y'],
  ];
  for (const [ms, text] of cases) it(`${ms} ms → ${text}`, () => expect(humanDuration(ms)).to.equal(text));

  it('formats timestamps as RFC 3339 whole seconds', () => {
    expect(formatTimestamp(new Date('2026-11-25T21:47:52.987Z'))).to.equal('2026-11-25T21:47:52Z');
  });
});
