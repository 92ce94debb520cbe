import { expect } from 'chai';
import {
  formatLabelSelector,
  labelSelectorFromObject,
  LabelSelectorParseError,
  matchesLabelSelector,
  matchesLabelSelectorObject,
  parseLabelSelector,
  validateLabelSelectorObject,
} from './label-selector.js';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'front', 'example.com/team': 'a', count: '5' };
  const matchCases: { selector: string; matches: boolean }[] = [
    { selector: '', matches: true },
    { selector: 'app=web', matches: true },
    { selector: 'app==web', matches: true },
    { selector: 'app=db', matches: false },
    { selector: 'app!=db', matches: true },
    { selector: 'missing!=x', matches: true },
    { selector: 'app in (web,db)', matches: true },
    { selector: 'app in (db)', matches: false },
    { selector: 'app notin (db, cache)', matches: true },
    { selector: 'missing notin (x)', matches: true },
    { selector: 'tier', matches: true },
    { selector: 'missing', matches: false },
    { selector: '!missing', matches: true },
    { selector: '!tier', matches: false },
    { selector: 'app=web,tier=front', matches: true },
    { selector: 'app=web,tier=back', matches: false },
    { selector: 'example.com/team=a', matches: true },
    { selector: 'count>4', matches: true },
    { selector: 'count<5', matches: false },
    { selector: ' app = web , !canary ', matches: true },
  ];
  for (const c of matchCases) {
    it(`${JSON.stringify(c.selector)} ${c.matches ? 'matches' : 'does not match'}`, () => {
      expect(matchesLabelSelector(parseLabelSelector(c.selector), labels)).to.equal(c.matches);
    });
  }

  const invalid: { selector: string; message: RegExp }[] = [
    { selector: 'app in web', message: /expected: '\('/ },
    { selector: 'app in ()', message: /values set can't be empty/ },
    { selector: 'a b', message: /unable to parse requirement|expected/ },
    { selector: 'bad key!=x=y', message: /./ },
    { selector: 'app=not valid value!', message: /./ },
    { selector: '-bad=x', message: /name part must consist of alphanumeric/ },
    { selector: 'app=x,', message: /identifier/ },
    { selector: 'count>abc', message: /integer/ },
  ];
  for (const c of invalid) {
    it(`rejects ${JSON.stringify(c.selector)}`, () => {
      expect(() => parseLabelSelector(c.selector)).to.throw(LabelSelectorParseError, c.message);
    });
  }

  it('formats selectors canonically (sorted by key)', () => {
    expect(formatLabelSelector(parseLabelSelector('tier in (b,a),app=web,!x'))).to.equal('app=web,tier in (a,b),!x');
  });

  describe('object form', () => {
    const cases: { name: string; selector: Parameters<typeof matchesLabelSelectorObject>[0]; matches: boolean }[] = [
      { name: 'null selects nothing', selector: null, matches: false },
      { name: 'empty selects everything', selector: {}, matches: true },
      { name: 'matchLabels', selector: { matchLabels: { app: 'web' } }, matches: true },
      { name: 'matchLabels miss', selector: { matchLabels: { app: 'db' } }, matches: false },
      { name: 'In', selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, matches: true },
      { name: 'NotIn', selector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, matches: false },
      { name: 'Exists', selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, matches: true },
      { name: 'DoesNotExist', selector: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, matches: false },
    ];
    for (const c of cases) it(c.name, () => expect(matchesLabelSelectorObject(c.selector, labels)).to.equal(c.matches));

    it('validates operators and values with field paths', () => {
      const errors = validateLabelSelectorObject(
        { matchExpressions: [{ key: 'a', operator: 'In', values: [] }, { key: 'b', operator: 'Exists', values: ['x'] }, { key: 'c', operator: 'Foo' }] },
        'spec.selector',
      );
      expect(errors.map((e) => `${e.field}: ${e.body}`)).to.deep.equal([
        "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        'spec.selector.matchExpressions[2].operator: Unsupported value: "Foo": supported values: "In", "NotIn", "Exists", "DoesNotExist"',
      ]);
      expect(() => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'In' }] })).to.throw(LabelSelectorParseError);
    });
  });
});
