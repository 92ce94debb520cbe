import { expect } from 'chai';
import type { KubeObject } from '@karmada-ts/kube';
import { clusterOverridePolicyPrinter, clusterPropagationPolicyPrinter, overridePolicyPrinter, propagationPolicyPrinter } from './policy-printers.js';

const now = new Date('2026-03-01T10:00:00Z');
const created = '2026-02-27T06:00:00Z';
const policy = (kind: string, spec: unknown): KubeObject => ({ apiVersion: 'policy.karmada.io/v1alpha1', kind, metadata: { name: 'nginx', namespace: 'default', creationTimestamp: created }, spec });

describe('propagation policy printers', () => {
  for (const [name, printer] of [
    ['PropagationPolicy', propagationPolicyPrinter],
    ['ClusterPropagationPolicy', clusterPropagationPolicyPrinter],
  ] as const) {
    it(`${name}: NAME CONFLICT-RESOLUTION PRIORITY AGE`, () => expect(printer.columns.map((c) => c.name)).to.deep.equal(['Name', 'CONFLICT-RESOLUTION', 'PRIORITY', 'AGE']));
    it(`${name}: a defaulted policy`, () => expect(printer.cells(policy(name, { conflictResolution: 'Abort', priority: 0 }), now)).to.deep.equal(['nginx', 'Abort', '0', '2d4h']));
    it(`${name}: values as text`, () => expect(printer.cells(policy(name, { conflictResolution: 'Overwrite', priority: 100 }), now)).to.deep.equal(['nginx', 'Overwrite', '100', '2d4h']));
    it(`${name}: missing values`, () => expect(printer.cells(policy(name, {}), now)).to.deep.equal(['nginx', null, null, '2d4h']));
  }
});

describe('override policy printers', () => {
  for (const [name, printer] of [
    ['OverridePolicy', overridePolicyPrinter],
    ['ClusterOverridePolicy', clusterOverridePolicyPrinter],
  ] as const) {
    it(`${name}: NAME AGE`, () => {
      expect(printer.columns.map((c) => c.name)).to.deep.equal(['Name', 'Age']);
      expect(printer.cells(policy(name, {}), now)).to.deep.equal(['nginx', '2d4h']);
    });
  }
});
