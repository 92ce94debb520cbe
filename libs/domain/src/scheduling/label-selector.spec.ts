import { expect } from 'chai';
import type { LabelSelector } from '../api/meta.js';
import { compileLabelSelector } from './label-selector.js';

describe('compileLabelSelector', () => {
  const labels = { env: 'prod', tier: 'gold' };
  const cases: { name: string; selector: LabelSelector; labels?: Record<string, string>; want: boolean }[] = [
    { name: 'empty selector matches everything', selector: {}, want: true },
    { name: 'matchLabels equal', selector: { matchLabels: { env: 'prod' } }, want: true },
    { name: 'matchLabels differ', selector: { matchLabels: { env: 'dev' } }, want: false },
    { name: 'matchLabels on a missing key', selector: { matchLabels: { zone: 'a' } }, want: false },
    { name: 'In matches a listed value', selector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['dev', 'prod'] }] }, want: true },
    { name: 'In needs the key', selector: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, want: false },
    { name: 'NotIn rejects a listed value', selector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, want: false },
    { name: 'NotIn matches a missing key', selector: { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, want: true },
    { name: 'Exists', selector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, want: true },
    { name: 'DoesNotExist', selector: { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, want: false },
    { name: 'inherited object keys are not labels', selector: { matchExpressions: [{ key: 'constructor', operator: 'Exists' }] }, want: false },
    { name: 'labels and expressions are ANDed', selector: { matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['silver'] }] }, want: false },
    { name: 'In without values is invalid: matches nothing', selector: { matchExpressions: [{ key: 'env', operator: 'In', values: [] }] }, want: false },
    { name: 'Exists with values is invalid: matches nothing', selector: { matchExpressions: [{ key: 'env', operator: 'Exists', values: ['prod'] }] }, want: false },
    { name: 'NotIn without values is invalid even where the key is missing', selector: { matchExpressions: [{ key: 'zone', operator: 'NotIn' }] }, want: false },
  ];
  for (const c of cases) {
    it(c.name, () => expect(compileLabelSelector(c.selector)(c.labels ?? labels)).to.equal(c.want));
  }
});
