import { expect } from 'chai';
import { applyJsonPatch, type PatchOperation } from './json-patch.js';
import { formatPointer, parsePointer } from './json-pointer.js';

const doc = { metadata: { labels: { app: 'a' }, 'a/b': 1 }, spec: { list: ['x', 'y'] } };

const cases: { name: string; ops: PatchOperation[]; want?: unknown; error?: string }[] = [
  { name: 'add a key', ops: [{ op: 'add', path: '/metadata/labels/env', value: 'prod' }], want: { ...doc, metadata: { ...doc.metadata, labels: { app: 'a', env: 'prod' } } } },
  { name: 'add replaces an existing key', ops: [{ op: 'add', path: '/metadata/labels/app', value: 'b' }], want: { ...doc, metadata: { ...doc.metadata, labels: { app: 'b' } } } },
  { name: 'add inserts into an array', ops: [{ op: 'add', path: '/spec/list/1', value: 'z' }], want: { ...doc, spec: { list: ['x', 'z', 'y'] } } },
  { name: 'add appends with -', ops: [{ op: 'add', path: '/spec/list/-', value: 'z' }], want: { ...doc, spec: { list: ['x', 'y', 'z'] } } },
  { name: 'add at the array end index', ops: [{ op: 'add', path: '/spec/list/2', value: 'z' }], want: { ...doc, spec: { list: ['x', 'y', 'z'] } } },
  { name: 'add without a value adds null', ops: [{ op: 'add', path: '/spec/x' }], want: { ...doc, spec: { list: ['x', 'y'], x: null } } },
  { name: 'add needs the parent', ops: [{ op: 'add', path: '/status/phase', value: 'x' }], error: 'add operation does not apply: doc is missing path: "/status/phase"' },
  { name: 'add past the array end fails', ops: [{ op: 'add', path: '/spec/list/5', value: 'z' }], error: 'add operation: invalid array index "5" in "/spec/list/5"' },
  { name: 'remove a key', ops: [{ op: 'remove', path: '/metadata/labels/app' }], want: { ...doc, metadata: { ...doc.metadata, labels: {} } } },
  { name: 'remove an escaped key', ops: [{ op: 'remove', path: '/metadata/a~1b' }], want: { ...doc, metadata: { labels: { app: 'a' } } } },
  { name: 'remove from an array', ops: [{ op: 'remove', path: '/spec/list/0' }], want: { ...doc, spec: { list: ['y'] } } },
  { name: 'remove a missing key fails', ops: [{ op: 'remove', path: '/metadata/labels/nope' }], error: 'remove operation does not apply: doc is missing path: "/metadata/labels/nope"' },
  { name: 'replace a value', ops: [{ op: 'replace', path: '/spec/list/1', value: 'q' }], want: { ...doc, spec: { list: ['x', 'q'] } } },
  { name: 'replace a missing key fails', ops: [{ op: 'replace', path: '/spec/nope', value: 1 }], error: 'replace operation does not apply: doc is missing path: "/spec/nope"' },
  { name: 'replace the whole document', ops: [{ op: 'replace', path: '', value: { a: 1 } }], want: { a: 1 } },
  { name: 'a path that is not a pointer fails', ops: [{ op: 'add', path: 'spec/x', value: 1 }], error: 'add operation: invalid JSON pointer "spec/x"' },
  { name: 'a leading-zero index is not an index', ops: [{ op: 'replace', path: '/spec/list/01', value: 1 }], error: 'replace operation: invalid array index "01" in "/spec/list/01"' },
  {
    name: 'operations apply in order',
    ops: [
      { op: 'add', path: '/spec/new', value: {} },
      { op: 'add', path: '/spec/new/k', value: 'v' },
    ],
    want: { ...doc, spec: { list: ['x', 'y'], new: { k: 'v' } } },
  },
];

describe('applyJsonPatch', () => {
  for (const c of cases) {
    it(c.name, () => {
      const result = applyJsonPatch(doc, c.ops);
      if (c.error) {
        expect(result.ok).to.equal(false);
        if (!result.ok) expect(result.message).to.equal(c.error);
      } else {
        expect(result).to.deep.equal({ ok: true, value: c.want });
      }
    });
  }

  it('is all or nothing and never edits its input', () => {
    const before = JSON.stringify(doc);
    const result = applyJsonPatch(doc, [
      { op: 'remove', path: '/spec/list/0' },
      { op: 'remove', path: '/nope' },
    ]);
    expect(result).to.deep.include({ ok: false, index: 1, path: '/nope' });
    expect(JSON.stringify(doc)).to.equal(before);
  });

  it('pointers round-trip through escaping', () => {
    expect(parsePointer(formatPointer(['a/b', 'c~d', '']))).to.deep.equal(['a/b', 'c~d', '']);
    expect(formatPointer(['metadata', 'labels', 'app.kubernetes.io/name'])).to.equal('/metadata/labels/app.kubernetes.io~1name');
  });
});
