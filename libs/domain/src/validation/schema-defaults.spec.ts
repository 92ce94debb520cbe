import { expect } from 'chai';
import { applySchemaDefaults } from './schema-defaults.js';
import { anyValueSchema, arraySchema, integerSchema, objectSchema, stringSchema } from './openapi-schema.js';

const schema = objectSchema({
  spec: objectSchema({
    mode: stringSchema({ default: 'Abort' }),
    priority: integerSchema({ default: 0 }),
    nested: objectSchema({ inner: objectSchema({ seconds: integerSchema({ default: 300 }) }), kind: stringSchema({ default: 'Divided' }) }),
    list: arraySchema(objectSchema({ purge: stringSchema({ default: 'Gracefully' }), name: stringSchema() })),
    raw: anyValueSchema(),
    name: stringSchema(),
  }),
});

const cases: { name: string; input: unknown; want: unknown }[] = [
  { name: 'no spec: nothing to default', input: {}, want: {} },
  { name: 'top-level defaults', input: { spec: {} }, want: { spec: { mode: 'Abort', priority: 0 } } },
  { name: 'present values are kept', input: { spec: { mode: 'Overwrite', priority: 5 } }, want: { spec: { mode: 'Overwrite', priority: 5 } } },
  { name: 'a present empty string is kept', input: { spec: { mode: '' } }, want: { spec: { mode: '', priority: 0 } } },
  { name: 'null is defaulted', input: { spec: { mode: null } }, want: { spec: { mode: 'Abort', priority: 0 } } },
  { name: 'null without a default is dropped', input: { spec: { name: null } }, want: { spec: { mode: 'Abort', priority: 0 } } },
  {
    name: 'defaults inside present objects only',
    input: { spec: { nested: {} } },
    want: { spec: { nested: { kind: 'Divided' }, mode: 'Abort', priority: 0 } },
  },
  {
    name: 'deeply nested',
    input: { spec: { nested: { inner: {} } } },
    want: { spec: { nested: { inner: { seconds: 300 }, kind: 'Divided' }, mode: 'Abort', priority: 0 } },
  },
  {
    name: 'array items',
    input: { spec: { list: [{ name: 'a' }, { purge: 'Directly' }] } },
    want: { spec: { list: [{ name: 'a', purge: 'Gracefully' }, { purge: 'Directly' }], mode: 'Abort', priority: 0 } },
  },
  { name: 'unknown members are kept', input: { spec: { foo: { bar: null } } }, want: { spec: { foo: { bar: null }, mode: 'Abort', priority: 0 } } },
  { name: 'preserved values are untouched', input: { spec: { raw: { mode: null } } }, want: { spec: { raw: { mode: null }, mode: 'Abort', priority: 0 } } },
  { name: 'values of the wrong type are left for validation', input: { spec: { nested: 'x', list: 'y' } }, want: { spec: { nested: 'x', list: 'y', mode: 'Abort', priority: 0 } } },
];

describe('applySchemaDefaults', () => {
  for (const c of cases) it(c.name, () => expect(applySchemaDefaults(schema, c.input)).to.deep.equal(c.want));

  it('does not change its input', () => {
    const input = { spec: { nested: {} } };
    applySchemaDefaults(schema, input);
    expect(input).to.deep.equal({ spec: { nested: {} } });
  });

  it('gives each object its own copy of a default', () => {
    const withObjectDefault = objectSchema({ a: { ...objectSchema({}), default: { x: 1 } } });
    const first = applySchemaDefaults(withObjectDefault, {}) as { a: { x: number } };
    first.a.x = 2;
    expect(applySchemaDefaults(withObjectDefault, {})).to.deep.equal({ a: { x: 1 } });
  });
});
