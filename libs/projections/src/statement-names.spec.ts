import { expect } from 'chai';
import { StatementNames } from './statement-names.js';

describe('StatementNames', () => {
  it('names a statement the same every time, and different statements differently', () => {
    const names = new StatementNames();
    const first = names.nameOf('SELECT 1');
    expect(first).to.match(/^kts_[0-9a-f]{32}$/);
    expect(names.nameOf('SELECT 1')).to.equal(first);
    expect(names.nameOf('SELECT 2')).to.be.a('string').and.not.equal(first);
  });

  it('names no more than its limit of statements; those it named keep their names', () => {
    const names = new StatementNames(2);
    const a = names.nameOf('a');
    const b = names.nameOf('b');
    expect(names.nameOf('c')).to.equal(undefined);
    expect([names.nameOf('a'), names.nameOf('b'), names.nameOf('c')]).to.deep.equal([a, b, undefined]);
  });
});
