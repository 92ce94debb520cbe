import { expect } from 'chai';
import { FieldSelectorParseError, matchesFieldSelector, parseFieldSelector, unsupportedField } from './field-selector.js';

describe('field selectors', () => {
  const pod = { metadata: { name: 'web-1', namespace: 'prod' }, spec: { nodeName: 'n1', hostNetwork: false }, status: { phase: 'Running' } };
  const cases: { selector: string; matches: boolean }[] = [
    { selector: '', matches: true },
    { selector: 'metadata.name=web-1', matches: true },
    { selector: 'metadata.name==web-1', matches: true },
    { selector: 'metadata.name!=web-1', matches: false },
    { selector: 'metadata.namespace=prod,status.phase=Running', matches: true },
    { selector: 'status.phase!=Pending', matches: true },
    { selector: 'spec.nodeName=', matches: false },
    { selector: 'spec.missing=', matches: true },
    { selector: 'spec.hostNetwork=false', matches: true },
  ];
  for (const c of cases) {
    it(`${JSON.stringify(c.selector)} ${c.matches ? 'matches' : 'does not match'}`, () => {
      expect(matchesFieldSelector(parseFieldSelector(c.selector), pod)).to.equal(c.matches);
    });
  }

  it('unescapes values', () => {
    expect(parseFieldSelector('metadata.name=a\\,b')).to.deep.equal([{ field: 'metadata.name', operator: 'Equals', value: 'a,b' }]);
  });

  it('rejects terms without an operator', () => {
    expect(() => parseFieldSelector('metadata.name')).to.throw(FieldSelectorParseError, "can't understand 'metadata.name'");
  });

  it('reports fields a resource does not support', () => {
    expect(unsupportedField(parseFieldSelector('metadata.name=a,spec.nodeName=b'), [])).to.equal('spec.nodeName');
    expect(unsupportedField(parseFieldSelector('metadata.name=a,spec.nodeName=b'), ['spec.nodeName'])).to.equal(undefined);
  });
});
