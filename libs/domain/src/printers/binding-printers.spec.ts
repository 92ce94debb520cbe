import { expect } from 'chai';
import type { KubeObject } from '@karmada-ts/kube';
import { clusterResourceBindingPrinter, clusterResourceBindingV1alpha1Printer, resourceBindingPrinter, resourceBindingV1alpha1Printer } from './binding-printers.js';

const now = new Date('2026-03-01T10:00:00Z');

function binding(conditions: { type: string; status: string }[] | undefined): KubeObject {
  return {
    apiVersion: 'work.karmada.io/v1alpha2',
    kind: 'ResourceBinding',
    metadata: { name: 'nginx-deployment', namespace: 'default', creationTimestamp: '2026-03-01T09:59:15Z' },
    spec: {},
    ...(conditions ? { status: { conditions } } : {}),
  };
}

const cases: { name: string; conditions: { type: string; status: string }[] | undefined; want: unknown[] }[] = [
  { name: 'not scheduled yet', conditions: undefined, want: ['nginx-deployment', null, null, '45s'] },
  { name: 'scheduled, not applied', conditions: [{ type: 'Scheduled', status: 'True' }, { type: 'FullyApplied', status: 'False' }], want: ['nginx-deployment', 'True', 'False', '45s'] },
  { name: 'fully applied (condition order does not matter)', conditions: [{ type: 'FullyApplied', status: 'True' }, { type: 'Scheduled', status: 'True' }], want: ['nginx-deployment', 'True', 'True', '45s'] },
  { name: 'scheduling failed', conditions: [{ type: 'Scheduled', status: 'False' }], want: ['nginx-deployment', 'False', null, '45s'] },
];

describe('binding printers', () => {
  for (const printer of [resourceBindingPrinter, clusterResourceBindingPrinter]) {
    it('v1alpha2: NAME SCHEDULED FULLYAPPLIED AGE', () => expect(printer.columns.map((c) => c.name)).to.deep.equal(['Name', 'SCHEDULED', 'FULLYAPPLIED', 'AGE']));
    for (const c of cases) it(c.name, () => expect(printer.cells(binding(c.conditions), now)).to.deep.equal(c.want));
  }
  it('v1alpha1: NAME AGE', () => {
    for (const printer of [resourceBindingV1alpha1Printer, clusterResourceBindingV1alpha1Printer]) {
      expect(printer.columns.map((c) => c.name)).to.deep.equal(['Name', 'Age']);
      expect(printer.cells(binding([{ type: 'Scheduled', status: 'True' }]), now)).to.deep.equal(['nginx-deployment', '45s']);
    }
  });
});
