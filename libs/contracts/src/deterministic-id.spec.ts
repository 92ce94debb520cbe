import { expect } from 'chai';
import { deterministicId } from './deterministic-id.js';

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
