import { expect } from 'chai';
import { commandCpuSeconds, cpuFigures, cpuUsedSince, processCpuSeconds } from '../src/stack/process-cpu.js';

describe('cpuUsedSince', () => {
  const cases: { name: string; before: Record<string, number | undefined>; after: Record<string, number | undefined>; used: Record<string, number> }[] = [
    { name: 'the difference per process', before: { a: 1.5, b: 10 }, after: { a: 4, b: 10.25 }, used: { a: 2.5, b: 0.25 } },
    { name: 'a process started after the first reading counts from 0', before: {}, after: { a: 3 }, used: { a: 3 } },
    { name: 'a process gone by the second reading counts 0', before: { a: 3 }, after: { a: undefined }, used: { a: 0 } },
    { name: 'a process that was not there at the first reading counts from 0', before: { a: undefined }, after: { a: 2 }, used: { a: 2 } },
  ];
  for (const { name, before, after, used } of cases) {
    it(name, () => {
      expect(cpuUsedSince(before, after)).to.deep.equal(used);
    });
  }
});

describe('commandCpuSeconds (servers measured whole, by command name)', () => {
  it('adds up every process with the command, this one included', () => {
    const own = processCpuSeconds(process.pid)!;
    expect(commandCpuSeconds('node')).to.be.at.least(own);
  });

  it('is undefined when no process has the command (the server runs elsewhere)', () => {
    expect(commandCpuSeconds('no-such-command-here')).to.equal(undefined);
  });
});

describe('cpuFigures', () => {
  it('names one figure per process, in seconds to a tenth', () => {
    expect(cpuFigures({ 'binding-svc': 12.345, postgres: 0.04 })).to.deep.equal([
      { name: 'CPU binding-svc', value: 12.3, unit: 's' },
      { name: 'CPU postgres', value: 0, unit: 's' },
    ]);
  });
});
