import { expect } from 'chai';
import { contentDigest, deterministicId } from './deterministic-id.js';

describe('deterministicId', () => {
  it('is a version-5 UUID', () => {
    expect(deterministicId('cmd-1', 'karmada.template.x._.y', 'ResourceUpserted', '')).to.match(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('gives the same id for the same parts', () => {
    expect(deterministicId('a', 'b')).to.equal(deterministicId('a', 'b'));
  });

  const distinct: { name: string; left: string[]; right: string[] }[] = [
    { name: 'a different part', left: ['a', 'b'], right: ['a', 'c'] },
    { name: 'the same characters split differently', left: ['a.b', 'c'], right: ['a', 'b.c'] },
    { name: 'an extra empty part', left: ['a'], right: ['a', ''] },
  ];
  for (const c of distinct) {
    it(`differs for ${c.name}`, () => {
      expect(deterministicId(...c.left)).not.to.equal(deterministicId(...c.right));
    });
  }
});

describe('contentDigest', () => {
  const cases: { name: string; left: unknown; right: unknown; same: boolean }[] = [
    { name: 'equal values', left: { a: [1, 'x'] }, right: { a: [1, 'x'] }, same: true },
    { name: 'a changed leaf', left: { a: [1, 'x'] }, right: { a: [1, 'y'] }, same: false },
    { name: 'a string and the number it spells', left: { a: '1' }, right: { a: 1 }, same: false },
  ];
  for (const c of cases) {
    it(`${c.same ? 'is the same' : 'differs'} for ${c.name}`, () => {
      expect(contentDigest(c.left) === contentDigest(c.right)).to.equal(c.same);
    });
  }

  it('is short and fit for an id part', () => {
    expect(contentDigest({ big: 'x'.repeat(10_000) })).to.match(/^[A-Za-z0-9_-]{27}$/);
  });
});
