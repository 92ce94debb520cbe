import { expect } from 'chai';
import type { FieldError } from '@karmada-ts/kube';
import { arraySchema, booleanSchema, integerSchema, objectSchema, quantitySchema, stringMapSchema, stringSchema, anyValueSchema } from './openapi-schema.js';
import { schemaErrors } from './schema-validation.js';

const schema = objectSchema(
  {
    metadata: objectSchema({ name: stringSchema() }),
    spec: objectSchema(
      {
        mode: stringSchema({ enum: ['Push', 'Pull'] }),
        name: stringSchema({ minLength: 1, maxLength: 4 }),
        count: integerSchema({ format: 'int32', minimum: 1 }),
        ratio: { type: 'number', maximum: 2 },
        items: arraySchema(objectSchema({ key: stringSchema(), flag: booleanSchema() }, { required: ['key'] }), { minItems: 1 }),
        labels: stringMapSchema(),
        raw: anyValueSchema(),
        size: quantitySchema(),
      },
      { required: ['items'] },
    ),
  },
  { required: ['spec'] },
);

const valid = { spec: { items: [{ key: 'a' }] } };

const cases: { name: string; object: unknown; want: FieldError[] }[] = [
  { name: 'a valid object', object: valid, want: [] },
  { name: 'all members used well', object: { spec: { mode: 'Pull', name: 'ab', count: 3, ratio: 1.5, items: [{ key: 'a', flag: true }], labels: { a: 'b' }, raw: { any: [1] }, size: '1Gi' } }, want: [] },
  { name: 'missing root member', object: {}, want: [{ type: 'FieldValueRequired', field: 'spec', body: 'Required value' }] },
  { name: 'null counts as absent', object: { spec: { items: null } }, want: [{ type: 'FieldValueRequired', field: 'spec.items', body: 'Required value' }] },
  {
    name: 'too few items',
    object: { spec: { items: [] } },
    want: [{ type: 'FieldValueInvalid', field: 'spec.items', body: 'Invalid value: 0: spec.items in body should have at least 1 items' }],
  },
  {
    name: 'required member of an item',
    object: { spec: { items: [{ key: 'a' }, { flag: false }] } },
    want: [{ type: 'FieldValueRequired', field: 'spec.items[1].key', body: 'Required value' }],
  },
  {
    name: 'enum',
    object: { spec: { ...valid.spec, mode: 'push' } },
    want: [{ type: 'FieldValueNotSupported', field: 'spec.mode', body: 'Unsupported value: "push": supported values: "Push", "Pull"' }],
  },
  {
    name: 'empty string is not an enum value',
    object: { spec: { ...valid.spec, mode: '' } },
    want: [{ type: 'FieldValueNotSupported', field: 'spec.mode', body: 'Unsupported value: "": supported values: "Push", "Pull"' }],
  },
  {
    name: 'minLength',
    object: { spec: { ...valid.spec, name: '' } },
    want: [{ type: 'FieldValueInvalid', field: 'spec.name', body: 'Invalid value: "": spec.name in body should be at least 1 chars long' }],
  },
  { name: 'maxLength', object: { spec: { ...valid.spec, name: 'abcde' } }, want: [{ type: 'FieldValueTooLong', field: 'spec.name', body: 'Too long: may not be more than 4 bytes' }] },
  { name: 'maxLength counts characters', object: { spec: { ...valid.spec, name: 'äöüß' } }, want: [] },
  {
    name: 'minimum',
    object: { spec: { ...valid.spec, count: 0 } },
    want: [{ type: 'FieldValueInvalid', field: 'spec.count', body: 'Invalid value: 0: spec.count in body should be greater than or equal to 1' }],
  },
  {
    name: 'maximum',
    object: { spec: { ...valid.spec, ratio: 2.5 } },
    want: [{ type: 'FieldValueInvalid', field: 'spec.ratio', body: 'Invalid value: 2.5: spec.ratio in body should be less than or equal to 2' }],
  },
  {
    name: 'int32 range',
    object: { spec: { ...valid.spec, count: 2 ** 31 } },
    want: [{ type: 'FieldValueInvalid', field: 'spec.count', body: 'Invalid value: 2147483648: must be between -2147483648 and 2147483647, inclusive' }],
  },
  {
    name: 'string where an integer belongs',
    object: { spec: { ...valid.spec, count: '3' } },
    want: [{ type: 'FieldValueTypeInvalid', field: 'spec.count', body: 'Invalid value: "string": spec.count in body must be of type integer: "string"' }],
  },
  {
    name: 'fraction where an integer belongs',
    object: { spec: { ...valid.spec, count: 1.5 } },
    want: [{ type: 'FieldValueTypeInvalid', field: 'spec.count', body: 'Invalid value: "number": spec.count in body must be of type integer: "number"' }],
  },
  {
    name: 'a null list item',
    object: { spec: { items: [{ key: 'a' }, null] } },
    want: [{ type: 'FieldValueTypeInvalid', field: 'spec.items[1]', body: 'Invalid value: "null": spec.items[1] in body must be of type object: "null"' }],
  },
  { name: 'integer where a number belongs', object: { spec: { ...valid.spec, ratio: 1 } }, want: [] },
  {
    name: 'object where an array belongs',
    object: { spec: { items: { key: 'a' } } },
    want: [{ type: 'FieldValueTypeInvalid', field: 'spec.items', body: 'Invalid value: "object": spec.items in body must be of type array: "object"' }],
  },
  {
    name: 'number in a string map',
    object: { spec: { ...valid.spec, labels: { a: 1 } } },
    want: [{ type: 'FieldValueTypeInvalid', field: 'spec.labels.a', body: 'Invalid value: "integer": spec.labels.a in body must be of type string: "integer"' }],
  },
  {
    name: 'boolean where a quantity belongs',
    object: { spec: { ...valid.spec, size: true } },
    want: [{ type: 'FieldValueTypeInvalid', field: 'spec.size', body: 'Invalid value: "boolean": spec.size in body must be of type integer,string: "boolean"' }],
  },
  { name: 'a quantity as a number', object: { spec: { ...valid.spec, size: 3 } }, want: [] },
  { name: 'unknown members are not judged here', object: { spec: { ...valid.spec, foo: { bar: 1 } } }, want: [] },
  { name: 'root metadata is left to ObjectMeta validation', object: { ...valid, metadata: { name: 5 } }, want: [] },
  {
    name: 'several errors together',
    object: { spec: { items: [], mode: 'x', count: 0 } },
    want: [
      { type: 'FieldValueInvalid', field: 'spec.items', body: 'Invalid value: 0: spec.items in body should have at least 1 items' },
      { type: 'FieldValueNotSupported', field: 'spec.mode', body: 'Unsupported value: "x": supported values: "Push", "Pull"' },
      { type: 'FieldValueInvalid', field: 'spec.count', body: 'Invalid value: 0: spec.count in body should be greater than or equal to 1' },
    ],
  },
];

describe('schemaErrors', () => {
  for (const c of cases) it(c.name, () => expect(schemaErrors(schema, c.object)).to.deep.equal(c.want));
});
