import { expect } from 'chai';
import { defaultHeapGrowingPercent, heapFlags } from '../../../scripts/run-tool.mjs';

describe('heapFlags (V8 heap growth of launched processes)', () => {
  const cases: { name: string; value: string | undefined; flags: string[] }[] = [
    { name: 'the default when unset', value: undefined, flags: [`--heap-growing-percent=${defaultHeapGrowingPercent}`] },
    { name: 'a percentage given', value: '50', flags: ['--heap-growing-percent=50'] },
    { name: "V8's own heuristics for 0", value: '0', flags: [] },
  ];
  for (const c of cases) {
    it(`gives ${c.name}`, () => {
      expect(heapFlags(c.value === undefined ? {} : { KARMADA_HEAP_GROWING_PERCENT: c.value })).to.deep.equal(c.flags);
    });
  }

  for (const bad of ['-5', '1.5', 'lots', '']) {
    it(`refuses "${bad}" and says what it takes`, () => {
      expect(() => heapFlags({ KARMADA_HEAP_GROWING_PERCENT: bad })).to.throw(/KARMADA_HEAP_GROWING_PERCENT must be a whole number of percent/);
    });
  }
});
