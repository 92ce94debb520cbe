import { expect } from 'chai';
import type { KubeObject } from '@karmada-ts/kube';
import { customResourcePrinter } from './custom-resource-printer.js';

const now = new Date('2026-03-01T10:00:00Z');
const object: KubeObject = {
  apiVersion: 'example.io/v1',
  kind: 'Thing',
  metadata: { name: 'thing-1', creationTimestamp: '2026-03-01T09:55:00Z' },
  spec: { count: 3, ratio: 1.5, on: true, mode: 'fast', nested: { a: 1 }, items: [{ kind: 'A' }, { kind: 'B' }], since: 'not a time' },
  status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'Synced', status: 'False' }] },
};

describe('customResourcePrinter', () => {
  it('without columns: Name and Age (type date)', () => {
    const printer = customResourcePrinter([]);
    expect(printer.columns.map((c) => [c.name, c.type, c.priority])).to.deep.equal([
      ['Name', 'string', 0],
      ['Age', 'date', 0],
    ]);
    expect(printer.columns[1]!.description).to.match(/^CreationTimestamp is a timestamp/);
    expect(printer.cells(object, now)).to.deep.equal(['thing-1', '5m']);
  });

  const cases: { name: string; column: Parameters<typeof customResourcePrinter>[0][number]; want: unknown }[] = [
    { name: 'string of a string', column: { name: 'MODE', type: 'string', jsonPath: '.spec.mode' }, want: 'fast' },
    { name: 'string of a number is its text', column: { name: 'COUNT', type: 'string', jsonPath: '.spec.count' }, want: '3' },
    { name: 'string of a boolean', column: { name: 'ON', type: 'string', jsonPath: '.spec.on' }, want: 'true' },
    { name: 'string of an object', column: { name: 'NESTED', type: 'string', jsonPath: '.spec.nested' }, want: '{"a":1}' },
    { name: 'integer keeps the number', column: { name: 'COUNT', type: 'integer', jsonPath: '.spec.count' }, want: 3 },
    { name: 'number keeps the number', column: { name: 'RATIO', type: 'number', jsonPath: '.spec.ratio' }, want: 1.5 },
    { name: 'boolean keeps the boolean', column: { name: 'ON', type: 'boolean', jsonPath: '.spec.on' }, want: true },
    { name: 'a missing value is null', column: { name: 'NONE', type: 'string', jsonPath: '.spec.absent' }, want: null },
    { name: 'a filter picks a condition', column: { name: 'SYNCED', type: 'string', jsonPath: '.status.conditions[?(@.type=="Synced")].status' }, want: 'False' },
    { name: 'a filter without a match is null', column: { name: 'X', type: 'string', jsonPath: '.status.conditions[?(@.type=="Applied")].status' }, want: null },
    { name: 'several matches: only the first', column: { name: 'KINDS', type: 'string', jsonPath: '.spec.items[*].kind' }, want: 'A' },
    { name: 'date is an age', column: { name: 'AGE', type: 'date', jsonPath: '.metadata.creationTimestamp' }, want: '5m' },
    { name: 'a date that is not a time is null', column: { name: 'SINCE', type: 'date', jsonPath: '.spec.since' }, want: null },
  ];
  for (const c of cases)
    it(c.name, () => {
      const printer = customResourcePrinter([c.column]);
      expect(printer.cells(object, now)).to.deep.equal(['thing-1', c.want]);
    });

  it('column definitions carry the CRD name, type, priority and a default description', () => {
    const printer = customResourcePrinter([
      { name: 'MODE', type: 'string', jsonPath: '.spec.mode' },
      { name: 'RATIO', type: 'number', jsonPath: '.spec.ratio', description: 'How much.', priority: 1 },
    ]);
    expect(printer.columns.slice(1)).to.deep.equal([
      { name: 'MODE', type: 'string', format: '', description: 'Custom resource definition column (in JSONPath format): .spec.mode', priority: 0 },
      { name: 'RATIO', type: 'number', format: '', description: 'How much.', priority: 1 },
    ]);
  });
});
