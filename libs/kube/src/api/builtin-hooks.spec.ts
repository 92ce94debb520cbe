import { expect } from 'chai';
import { builtinHooks } from './builtin-hooks.js';
import type { HookContext } from './hooks.js';
import type { KubeObject } from './object.js';

const secretDefaults = builtinHooks.find(([r]) => r.group === '' && r.resource === 'secrets')![1].default!;
const ctx = {} as HookContext;
const secret = (fields: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, ...fields });

describe('Secret defaults', () => {
  const cases: { name: string; input: KubeObject; want: KubeObject }[] = [
    { name: 'type Opaque when unset', input: secret({ data: { a: 'Yg==' } }), want: secret({ data: { a: 'Yg==' }, type: 'Opaque' }) },
    { name: 'a given type kept', input: secret({ type: 'kubernetes.io/tls' }), want: secret({ type: 'kubernetes.io/tls' }) },
    {
      name: 'stringData encoded into data, winning over equal keys, and dropped',
      input: secret({ type: 'Opaque', data: { a: 'eA==', b: 'eQ==' }, stringData: { a: 'hello' } }),
      want: secret({ type: 'Opaque', data: { a: Buffer.from('hello').toString('base64'), b: 'eQ==' } }),
    },
  ];
  for (const c of cases) it(c.name, () => expect(secretDefaults(c.input, undefined, ctx)).to.deep.equal(c.want));
});
