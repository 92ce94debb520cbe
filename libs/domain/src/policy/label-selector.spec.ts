import { expect } from 'chai';
import type { LabelSelector } from '../api/meta.js';
import { matchesLabelSelector } from './label-selector.js';

const labels = { app: 'nginx', tier: 'web' };

const cases: { name: string; selector: LabelSelector; labels?: Record<string, string>; want: boolean }[] = [
  { name: 'an empty selector matches everything', selector: {}, labels, want: true },
  { name: 'an empty selector matches an object without labels', selector: {}, want: true },
  { name: 'matchLabels equal', selector: { matchLabels: { app: 'nginx' } }, labels, want: true },
  { name: 'matchLabels different value', selector: { matchLabels: { app: 'redis' } }, labels, want: false },
  { name: 'matchLabels missing key', selector: { matchLabels: { env: 'prod' } }, labels, want: false },
  { name: 'In', selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['db', 'web'] }] }, labels, want: true },
  { name: 'In, key missing', selector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, labels, want: false },
  { name: 'NotIn, key missing matches', selector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, labels, want: true },
  { name: 'NotIn, value listed', selector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }] }, labels, want: false },
  { name: 'Exists', selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels, want: true },
  { name: 'DoesNotExist', selector: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels, want: false },
  {
    name: 'matchLabels and matchExpressions are ANDed',
    selector: { matchLabels: { app: 'nginx' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }] },
    labels,
    want: false,
  },
  { name: 'an invalid selector (In without values) matches nothing', selector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }, labels, want: false },
  { name: 'an invalid selector (Exists with values) matches nothing', selector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] }, labels, want: false },
];

describe('matchesLabelSelector', () => {
  for (const c of cases) it(c.name, () => expect(matchesLabelSelector(c.selector, c.labels)).to.equal(c.want));
});
