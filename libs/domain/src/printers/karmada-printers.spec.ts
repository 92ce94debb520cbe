import { expect } from 'chai';
import { clusterResourceBindingPrinter, resourceBindingV1alpha1Printer } from './binding-printers.js';
import { clusterPrinter } from './cluster-printer.js';
import { karmadaPrinterFor, karmadaPrinters } from './karmada-printers.js';
import { workPrinter } from './work-printer.js';

describe('karmadaPrinters', () => {
  it('one entry per served resource version', () => {
    const keys = karmadaPrinters.map((e) => `${e.resource}.${e.group}/${e.version}`);
    expect(new Set(keys).size).to.equal(keys.length);
    expect(keys).to.have.length(10);
  });

  const cases: { group: string; version: string; resource: string; want: unknown }[] = [
    { group: 'cluster.karmada.io', version: 'v1alpha1', resource: 'clusters', want: clusterPrinter },
    { group: 'work.karmada.io', version: 'v1alpha1', resource: 'works', want: workPrinter },
    { group: 'work.karmada.io', version: 'v1alpha2', resource: 'clusterresourcebindings', want: clusterResourceBindingPrinter },
    { group: 'work.karmada.io', version: 'v1alpha1', resource: 'resourcebindings', want: resourceBindingV1alpha1Printer },
    { group: 'work.karmada.io', version: 'v1alpha3', resource: 'resourcebindings', want: undefined },
    { group: 'apps', version: 'v1', resource: 'deployments', want: undefined },
  ];
  for (const c of cases) it(`${c.resource}.${c.group}/${c.version}`, () => expect(karmadaPrinterFor(c.group, c.version, c.resource)).to.equal(c.want));
});
