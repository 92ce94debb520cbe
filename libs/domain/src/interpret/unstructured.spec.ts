import { expect } from 'chai';
import { deepCopy, sameJson } from './unstructured.js';

describe('deepCopy', () => {
  const cases: { name: string; value: unknown }[] = [
    { name: 'a primitive', value: 'text' },
    { name: 'null', value: null },
    { name: 'a nested object', value: { a: 1, b: { c: [1, { d: 'x' }], e: null, f: true } } },
    { name: 'an array of objects', value: [{ a: 1 }, [2, 3], 'x'] },
    { name: 'a key whose value is undefined', value: { a: undefined, b: 1 } },
  ];
  for (const { name, value } of cases) {
    it(`copies ${name} equal to the original`, () => {
      expect(deepCopy(value)).to.deep.equal(value);
    });
  }

  it('shares nothing with the original', () => {
    const original = { spec: { list: [{ name: 'a' }] } };
    const copy = deepCopy(original);
    copy.spec.list[0]!.name = 'b';
    copy.spec.list.push({ name: 'c' });
    expect(original).to.deep.equal({ spec: { list: [{ name: 'a' }] } });
  });

  it('keeps a parsed "__proto__" key as a field, not as the prototype', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<string, unknown>;
    const copy = deepCopy(parsed);
    expect(Object.getPrototypeOf(copy)).to.equal(Object.prototype);
    expect(Object.keys(copy)).to.deep.equal(['__proto__', 'a']);
    expect((copy as { polluted?: boolean }).polluted).to.equal(undefined);
  });
});

describe('sameJson', () => {
  const cases: { name: string; a: unknown; b: unknown; same: boolean }[] = [
    { name: 'equal primitives', a: 3, b: 3, same: true },
    { name: 'different primitives', a: 3, b: '3', same: false },
    { name: 'null and an empty object', a: null, b: {}, same: false },
    { name: 'objects with keys in another order', a: { a: 1, b: { c: 2, d: 3 } }, b: { b: { d: 3, c: 2 }, a: 1 }, same: true },
    { name: 'an extra key on the right', a: { a: 1 }, b: { a: 1, b: 2 }, same: false },
    { name: 'an extra key on the left', a: { a: 1, b: 2 }, b: { a: 1 }, same: false },
    { name: 'a key whose value is undefined and its absence', a: { a: 1, b: undefined }, b: { a: 1 }, same: true },
    { name: 'an undefined key against a present one', a: { b: undefined }, b: { b: null }, same: false },
    { name: 'arrays in another order', a: [1, 2], b: [2, 1], same: false },
    { name: 'arrays of different length', a: [1, 2], b: [1, 2, 3], same: false },
    { name: 'equal arrays of objects', a: [{ x: 1, y: [true] }], b: [{ y: [true], x: 1 }], same: true },
    { name: 'an array and an object with index keys', a: ['a'], b: { 0: 'a' }, same: false },
    { name: 'an object and an array', a: {}, b: [], same: false },
    { name: 'both undefined', a: undefined, b: undefined, same: true },
  ];
  for (const { name, a, b, same } of cases) {
    it(`${name}: ${same ? 'same' : 'different'}`, () => {
      expect(sameJson(a, b)).to.equal(same);
      expect(sameJson(b, a)).to.equal(same);
    });
  }
});
