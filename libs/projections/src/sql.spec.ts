import { expect } from 'chai';
import { chunksOf, quoteIdent } from './sql.js';

describe('sql helpers', () => {
  const idents: { name: string; expected: string }[] = [
    { name: 'clusters', expected: '"clusters"' },
    { name: 'Mixed Case', expected: '"Mixed Case"' },
    { name: 'a"b', expected: '"a""b"' },
  ];
  for (const c of idents) it(`quotes ${c.name}`, () => expect(quoteIdent(c.name)).to.equal(c.expected));

  const chunkings: { items: number; size: number; expected: number[] }[] = [
    { items: 0, size: 3, expected: [] },
    { items: 3, size: 3, expected: [3] },
    { items: 7, size: 3, expected: [3, 3, 1] },
  ];
  for (const c of chunkings) {
    it(`chunks ${c.items} items by ${c.size}`, () => {
      expect(chunksOf(Array.from({ length: c.items }, (_, i) => i), c.size).map((chunk) => chunk.length)).to.deep.equal(
        c.expected,
      );
    });
  }
});
