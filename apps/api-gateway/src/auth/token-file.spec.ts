import { expect } from 'chai';
import { formatTokenFile, parseTokenFile, TokenFileError } from './token-file.js';

describe('token file', () => {
  it('reads token,user,role lines, skipping comments and blanks', () => {
    expect(parseTokenFile('# tokens\n\nabc,alice,admin\n def , bob , view \n')).to.deep.equal([
      { token: 'abc', user: 'alice', role: 'admin' },
      { token: 'def', user: 'bob', role: 'view' },
    ]);
  });

  const bad: { name: string; text: string; error: RegExp }[] = [
    { name: 'a missing role', text: 'abc,alice', error: /line 1: expected "token,user,role"/ },
    { name: 'extra columns', text: 'abc,alice,admin,x', error: /expected "token,user,role"/ },
    { name: 'an unknown role', text: '\nabc,alice,root', error: /line 2: role must be one of admin, view/ },
    { name: 'a repeated token', text: 'abc,alice,admin\nabc,bob,view', error: /listed twice/ },
  ];
  for (const c of bad) it(`refuses ${c.name}`, () => expect(() => parseTokenFile(c.text)).to.throw(TokenFileError, c.error));

  it('writes what it reads', () => {
    const entries = [{ token: 't1', user: 'admin', role: 'admin' as const }];
    expect(parseTokenFile(formatTokenFile(entries))).to.deep.equal(entries);
  });
});
