import { expect } from 'chai';
import { defaultHeapGrowingPercent, heapFlags, serviceHeaps } from '../../../scripts/run-tool.mjs';

describe('heapFlags (V8 heap flags of launched processes)', () => {
  const growing = `--heap-growing-percent=${defaultHeapGrowingPercent}`;
  const cases: { name: string; value: string | undefined; packageName: string; flags: string[] }[] = [
    { name: 'the default growth when unset', value: undefined, packageName: 'policy-svc', flags: [growing] },
    { name: "binding-svc's own growth and young generation", value: undefined, packageName: 'binding-svc', flags: ['--heap-growing-percent=50', '--max-semi-space-size=8'] },
    { name: 'a percentage given', value: '70', packageName: 'policy-svc', flags: ['--heap-growing-percent=70'] },
    { name: "executor-svc's own growth", value: undefined, packageName: 'executor-svc', flags: ['--heap-growing-percent=50'] },
    { name: "a percentage given over executor-svc's own", value: '100', packageName: 'executor-svc', flags: ['--heap-growing-percent=100'] },
    { name: "V8's own heuristics for 0", value: '0', packageName: 'policy-svc', flags: [] },
    { name: "the gateway's smaller young generation", value: undefined, packageName: 'api-gateway', flags: [growing, '--max-semi-space-size=8'] },
    { name: 'the young generation also with 0', value: '0', packageName: 'api-gateway', flags: ['--max-semi-space-size=8'] },
    { name: "cluster-svc's own growth and young generation", value: undefined, packageName: 'cluster-svc', flags: ['--heap-growing-percent=25', '--max-semi-space-size=8'] },
    { name: "a percentage given over cluster-svc's own", value: '70', packageName: 'cluster-svc', flags: ['--heap-growing-percent=70', '--max-semi-space-size=8'] },
    { name: 'the default for a tool', value: undefined, packageName: 'member-sim', flags: [growing] },
    { name: 'the default without a package', value: undefined, packageName: '', flags: [growing] },
    { name: "the default for an inherited property's name", value: undefined, packageName: 'toString', flags: [growing] },
  ];
  for (const c of cases) {
    it(`gives ${c.name}`, () => {
      expect(heapFlags(c.value === undefined ? {} : { KARMADA_HEAP_GROWING_PERCENT: c.value }, c.packageName)).to.deep.equal(c.flags);
    });
  }

  it('sizes heaps apart only for services, in whole MiB and percent', () => {
    for (const [name, sized] of Object.entries(serviceHeaps)) {
      expect(name).to.match(/-(gateway|svc)$/);
      for (const value of Object.values(sized)) expect(Number.isInteger(value) && value > 0, name).to.equal(true);
    }
  });

  for (const bad of ['-5', '1.5', 'lots', '']) {
    it(`refuses "${bad}" and says what it takes`, () => {
      expect(() => heapFlags({ KARMADA_HEAP_GROWING_PERCENT: bad })).to.throw(/KARMADA_HEAP_GROWING_PERCENT must be a whole number of percent/);
    });
  }
});
