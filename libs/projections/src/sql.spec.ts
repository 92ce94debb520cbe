import { expect } from 'chai';
import { quoteIdent } from './sql.js';

describe('sql helpers', () => {
  const idents: { name: string; expected: string }[] = [
    { name: 'clusters', expected: '"clusters"' },
    { name: 'Mixed Case', expected: '"Mixed Case"' },
    { name: 'a"b', expected: '"a""b"' },
  ];
  for (const c of idents) it(`quotes ${c.name}`, () => expect(quoteIdent(c.name)).to.equal(c.expected));
});
