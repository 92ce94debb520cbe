import { expect } from 'chai';
import { applyJsonPatch, decodeJsonPatch, JsonPatchError, type JsonPatchOperation } from './json-patch.js';

describe('JSON patch (RFC 6902)', () => {
  const doc = { spec: { replicas: 2, list: ['a', 'b'], 'x/y': 1, 'm~n': 2 } };
  const cases: { name: string; ops: JsonPatchOperation[]; expected: unknown }[] = [
    { name: 'replace', ops: [{ op: 'replace', path: '/spec/replicas', value: 3 }], expected: { spec: { ...doc.spec, replicas: 3 } } },
    { name: 'add member', ops: [{ op: 'add', path: '/spec/paused', value: true }], expected: { spec: { ...doc.spec, paused: true } } },
    { name: 'add to array end', ops: [{ op: 'add', path: '/spec/list/-', value: 'c' }], expected: { spec: { ...doc.spec, list: ['a', 'b', 'c'] } } },
    { name: 'insert in array', ops: [{ op: 'add', path: '/spec/list/1', value: 'x' }], expected: { spec: { ...doc.spec, list: ['a', 'x', 'b'] } } },
    { name: 'remove', ops: [{ op: 'remove', path: '/spec/list/0' }], expected: { spec: { ...doc.spec, list: ['b'] } } },
    { name: 'escaped pointers', ops: [{ op: 'remove', path: '/spec/x~1y' }, { op: 'replace', path: '/spec/m~0n', value: 3 }], expected: { spec: { replicas: 2, list: ['a', 'b'], 'm~n': 3 } } },
    { name: 'move', ops: [{ op: 'move', from: '/spec/replicas', path: '/spec/count' }], expected: { spec: { list: ['a', 'b'], 'x/y': 1, 'm~n': 2, count: 2 } } },
    { name: 'copy', ops: [{ op: 'copy', from: '/spec/list/1', path: '/spec/first' }], expected: { spec: { ...doc.spec, first: 'b' } } },
    { name: 'test then replace', ops: [{ op: 'test', path: '/spec/replicas', value: 2 }, { op: 'replace', path: '/spec/replicas', value: 5 }], expected: { spec: { ...doc.spec, replicas: 5 } } },
    { name: 'replace the whole document', ops: [{ op: 'replace', path: '', value: { a: 1 } }], expected: { a: 1 } },
  ];
  for (const c of cases) it(c.name, () => expect(applyJsonPatch(doc, c.ops)).to.deep.equal(c.expected));

  const failures: { name: string; ops: JsonPatchOperation[]; message: RegExp }[] = [
    { name: 'failed test', ops: [{ op: 'test', path: '/spec/replicas', value: 3 }], message: /testing value \/spec\/replicas failed/ },
    { name: 'replace missing', ops: [{ op: 'replace', path: '/spec/nope', value: 1 }], message: /missing/ },
    { name: 'remove missing', ops: [{ op: 'remove', path: '/spec/nope' }], message: /nonexistent/ },
    { name: 'index out of range', ops: [{ op: 'add', path: '/spec/list/5', value: 1 }], message: /invalid index/ },
    { name: 'missing parent', ops: [{ op: 'add', path: '/nope/x', value: 1 }], message: /missing/ },
  ];
  for (const c of failures) {
    it(`fails: ${c.name}`, () => {
      expect(() => applyJsonPatch(doc, c.ops)).to.throw(JsonPatchError, c.message);
    });
  }

  it('leaves the target alone when a later operation fails', () => {
    const target = { a: [1] };
    expect(() => applyJsonPatch(target, [{ op: 'add', path: '/a/-', value: 2 }, { op: 'test', path: '/a/0', value: 9 }])).to.throw(JsonPatchError);
    expect(target).to.deep.equal({ a: [1] });
  });

  it('rejects malformed documents', () => {
    expect(() => decodeJsonPatch({ op: 'add' })).to.throw(JsonPatchError);
    expect(() => decodeJsonPatch([{ op: 'jump', path: '/a' }])).to.throw(JsonPatchError);
    expect(() => decodeJsonPatch([{ op: 'add', path: '/a' }])).to.throw(JsonPatchError, /missing value/);
  });
});
