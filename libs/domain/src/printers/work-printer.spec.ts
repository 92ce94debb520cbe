import { expect } from 'chai';
import type { KubeObject } from '@karmada-ts/kube';
import { workPrinter } from './work-printer.js';

const now = new Date('2026-03-01T10:00:00Z');

function work(manifests: { kind: string }[], applied?: string): KubeObject {
  return {
    apiVersion: 'work.karmada.io/v1alpha1',
    kind: 'Work',
    metadata: { name: 'nginx-687f7fb96f', namespace: 'karmada-es-member1', creationTimestamp: '2026-03-01T07:20:00Z' },
    spec: { workload: { manifests } },
    ...(applied ? { status: { conditions: [{ type: 'Dispatching', status: 'True' }, { type: 'Applied', status: applied }] } } : {}),
  };
}

const cases: { name: string; work: KubeObject; want: unknown[] }[] = [
  { name: 'applied', work: work([{ kind: 'Deployment' }], 'True'), want: ['nginx-687f7fb96f', 'Deployment', 'True', '160m'] },
  { name: 'failed to apply', work: work([{ kind: 'ConfigMap' }], 'False'), want: ['nginx-687f7fb96f', 'ConfigMap', 'False', '160m'] },
  { name: 'not applied yet', work: work([{ kind: 'Service' }]), want: ['nginx-687f7fb96f', 'Service', null, '160m'] },
  { name: 'several manifests: the first kind', work: work([{ kind: 'Deployment' }, { kind: 'Service' }], 'True'), want: ['nginx-687f7fb96f', 'Deployment', 'True', '160m'] },
  { name: 'no manifests', work: work([]), want: ['nginx-687f7fb96f', null, null, '160m'] },
];

describe('workPrinter', () => {
  it('NAME WORKLOAD-KIND APPLIED AGE', () => expect(workPrinter.columns.map((c) => c.name)).to.deep.equal(['Name', 'WORKLOAD-KIND', 'APPLIED', 'AGE']));
  for (const c of cases) it(c.name, () => expect(workPrinter.cells(c.work, now)).to.deep.equal(c.want));
});
