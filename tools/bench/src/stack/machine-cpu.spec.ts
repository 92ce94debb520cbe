import { expect } from 'chai';
import { machineCpuFigures, machineCpuShare, parseMachineCpu } from './machine-cpu.js';

describe('machine CPU from /proc/stat', () => {
  const parsed = [
    {
      name: 'a full line: idle and iowait are idle; irq, softirq are busy; guest time is not added again',
      text: 'cpu  100 5 20 300 10 2 3 7 40 0\ncpu0 50 2 10 150 5 1 1 3 20 0\nintr 1',
      want: { busy: 130, idle: 310, steal: 7 },
    },
    { name: 'an old kernel without iowait and after', text: 'cpu 10 0 5 85\n', want: { busy: 15, idle: 85, steal: 0 } },
    { name: 'per-CPU lines only', text: 'cpu0 1 2 3 4\n', want: undefined },
    { name: 'a line that is not numbers', text: 'cpu a b c d\n', want: undefined },
    { name: 'nothing', text: '', want: undefined },
  ];
  for (const c of parsed) it(`reads ${c.name}`, () => expect(parseMachineCpu(c.text)).to.deep.equal(c.want));

  const shares = [
    { name: 'half busy', before: { busy: 100, idle: 100, steal: 0 }, after: { busy: 200, idle: 200, steal: 0 }, want: { busyPercent: 50, stealPercent: 0 } },
    { name: 'saturated, some stolen', before: { busy: 0, idle: 0, steal: 0 }, after: { busy: 1940, idle: 20, steal: 40 }, want: { busyPercent: 97, stealPercent: 2 } },
    { name: 'rounded to a tenth', before: { busy: 0, idle: 0, steal: 0 }, after: { busy: 1, idle: 2, steal: 0 }, want: { busyPercent: 33.3, stealPercent: 0 } },
    { name: 'no time between the readings', before: { busy: 5, idle: 5, steal: 0 }, after: { busy: 5, idle: 5, steal: 0 }, want: undefined },
    { name: 'a missing reading', before: undefined, after: { busy: 5, idle: 5, steal: 0 }, want: undefined },
  ];
  for (const c of shares) it(`tells the share: ${c.name}`, () => expect(machineCpuShare(c.before, c.after)).to.deep.equal(c.want));

  it('gives a phase two figures, and none without a share', () => {
    expect(machineCpuFigures('while creating', { busyPercent: 97, stealPercent: 2 })).to.deep.equal([
      { name: 'machine CPU busy while creating', value: 97, unit: '%' },
      { name: 'machine CPU stolen while creating', value: 2, unit: '%' },
    ]);
    expect(machineCpuFigures('while creating', undefined)).to.deep.equal([]);
  });
});
