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

  // Ids already in streams must come out the same from every version of this function: a retried publish is dropped
  // as a duplicate only when its id is. These are what it has always given.
  const known: { name: string; parts: string[]; id: string }[] = [
    { name: 'an event id', parts: ['cmd-1', 'karmada.template.x._.y', 'ResourceUpserted', ''], id: '56485f61-5b8f-59cf-905c-772efec08258' },
    { name: 'characters of two and three UTF-8 bytes', parts: ['member-object', 'mémbér-1', '日本語'], id: '9dbe33e4-3921-5187-a144-9b046d12d279' },
    { name: 'a long name', parts: ['long', 'é'.repeat(700), 'x'.repeat(2000)], id: '2d9aa6e9-87cf-57af-b912-c4be1c286356' },
  ];
  for (const c of known) {
    it(`gives the id it always gave: ${c.name}`, () => {
      expect(deterministicId(...c.parts)).to.equal(c.id);
    });
  }

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

  it('gives the digest it always gave', () => {
    expect(contentDigest({ a: 'é', b: [1, 2] })).to.equal('z0nAYXM2YOSRqt4rQqx3w6OlO5k');
  });

  it('is short and fit for an id part', () => {
    expect(contentDigest({ big: 'x'.repeat(10_000) })).to.match(/^[A-Za-z0-9_-]{27}$/);
  });
});
