import { expect } from 'chai';
import type { FieldError } from '@karmada-ts/kube';
import { validateAnnotations, validateLabelName, validateLabels, validateLabelSelector } from './label-validation.js';

const badKey = 'name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')';
const badValue =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

const selectorCases: { name: string; selector: unknown; want: FieldError[] }[] = [
  { name: 'absent', selector: undefined, want: [] },
  { name: 'empty', selector: {}, want: [] },
  { name: 'valid labels and expressions', selector: { matchLabels: { 'app.kubernetes.io/name': 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }, { key: 'x', operator: 'DoesNotExist' }] }, want: [] },
  { name: 'bad label key', selector: { matchLabels: { 'a b': 'v' } }, want: [{ type: 'FieldValueInvalid', field: 's.matchLabels', body: `Invalid value: "a b": ${badKey}` }] },
  { name: 'bad label value', selector: { matchLabels: { a: 'b c' } }, want: [{ type: 'FieldValueInvalid', field: 's.matchLabels', body: `Invalid value: "b c": ${badValue}` }] },
  {
    name: 'unknown operator',
    selector: { matchExpressions: [{ key: 'a', operator: 'Equals', values: ['b'] }] },
    want: [{ type: 'FieldValueInvalid', field: 's.matchExpressions[0].operator', body: 'Invalid value: "Equals": not a valid selector operator' }],
  },
  {
    name: 'In without values',
    selector: { matchExpressions: [{ key: 'a', operator: 'In' }] },
    want: [{ type: 'FieldValueRequired', field: 's.matchExpressions[0].values', body: "Required value: must be specified when `operator` is 'In' or 'NotIn'" }],
  },
  {
    name: 'Exists with values',
    selector: { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['b'] }] },
    want: [{ type: 'FieldValueForbidden', field: 's.matchExpressions[0].values', body: "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'" }],
  },
  {
    name: 'bad key and value in an expression',
    selector: { matchExpressions: [{ key: '-a', operator: 'NotIn', values: ['ok', 'not ok'] }] },
    want: [
      { type: 'FieldValueInvalid', field: 's.matchExpressions[0].key', body: `Invalid value: "-a": ${badKey}` },
      { type: 'FieldValueInvalid', field: 's.matchExpressions[0].values[1]', body: `Invalid value: "not ok": ${badValue}` },
    ],
  },
];

describe('validateLabelSelector', () => {
  for (const c of selectorCases) it(c.name, () => expect(validateLabelSelector(c.selector, 's')).to.deep.equal(c.want));
});

describe('validateLabels, validateLabelName, validateAnnotations', () => {
  it('labels: key and value rules on the map path', () => {
    expect(validateLabels({ ok: 'fine', 'bad/key/x': 'v' }, 'p')).to.have.length(1);
    expect(validateLabels({ ok: 'fine' }, 'p')).to.deep.equal([]);
  });
  it('label name: a prefixed name', () => {
    expect(validateLabelName('example.com/name', 'p')).to.deep.equal([]);
    expect(validateLabelName('', 'p')).to.deep.equal([
      { type: 'FieldValueInvalid', field: 'p', body: 'Invalid value: "": name part must be non-empty' },
      { type: 'FieldValueInvalid', field: 'p', body: `Invalid value: "": ${badKey}` },
    ]);
  });
  it('annotations: keys in any case, values free', () => {
    expect(validateAnnotations({ 'Example.COM/Key': 'any value at all' }, 'p')).to.deep.equal([]);
    expect(validateAnnotations({ 'a b': 'v' }, 'p')).to.deep.equal([{ type: 'FieldValueInvalid', field: 'p', body: `Invalid value: "a b": ${badKey}` }]);
  });
  it('annotations: total size limit', () => {
    expect(validateAnnotations({ a: 'x'.repeat(256 * 1024) }, 'p')).to.deep.equal([{ type: 'FieldValueTooLong', field: 'p', body: 'Too long: may not be more than 262144 bytes' }]);
  });
});
