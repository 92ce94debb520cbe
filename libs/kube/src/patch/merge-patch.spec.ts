import { expect } from 'chai';
import { applyMergePatch, createMergePatch } from './merge-patch.js';

describe('JSON merge patch (RFC 7386)', () => {
  // The examples of RFC 7386 appendix A.
  const cases: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  cases.forEach(([target, patch, expected], i) => {
    it(`RFC 7386 example ${i + 1}`, () => expect(applyMergePatch(target, patch)).to.deep.equal(expected));
  });

  it('does not modify the target', () => {
    const target = { a: { b: 1 } };
    applyMergePatch(target, { a: { b: 2 } });
    expect(target).to.deep.equal({ a: { b: 1 } });
  });

  it('creates a patch that reproduces the target', () => {
    const from = { a: 1, b: { c: 2, d: 3 }, e: [1] };
    const to = { a: 1, b: { c: 5 }, e: [2], f: 'x' };
    expect(applyMergePatch(from, createMergePatch(from, to))).to.deep.equal(to);
  });
});
