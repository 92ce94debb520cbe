import { fieldInvalid, fieldNotSupported, fieldRequired, fieldTooLong, formatFieldValue, isJsonObject, type FieldError } from '@karmada-ts/kube';
import { memberSchema, type OpenApiSchema } from './openapi-schema.js';

/**
 * The API server's OpenAPI validation of a custom resource (apiextensions + kube-openapi), with its messages:
 * `Required value`, `Unsupported value: "x": supported values: …`, `Invalid value: 0: <path> in body should have at
 * least 1 items`, `Invalid value: "string": <path> in body must be of type integer: "string"`. Members the schema
 * does not declare are not checked here (pruning drops them). Root metadata is left to ObjectMeta validation.
 */
export function schemaErrors(schema: OpenApiSchema, object: unknown): FieldError[] {
  const errors: FieldError[] = [];
  validateValue(schema, object, '', errors, true);
  return errors;
}

/** The JSON type name kube-openapi reports for a value. */
function jsonTypeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string' || typeof value === 'boolean') return typeof value;
  return 'object';
}

function typeMatches(schema: OpenApiSchema, actual: string): boolean {
  if (schema['x-kubernetes-int-or-string']) return actual === 'integer' || actual === 'string';
  if (schema.type === undefined) return true;
  return schema.type === actual || (schema.type === 'number' && actual === 'integer');
}

function typeInvalid(path: string, expected: string, actual: string): FieldError {
  const body = `Invalid value: ${formatFieldValue(actual)}: ${path} in body must be of type ${expected}: ${JSON.stringify(actual)}`;
  return { type: 'FieldValueTypeInvalid', field: path, body };
}

function invalid(path: string, value: unknown, message: string): FieldError {
  return { type: 'FieldValueInvalid', field: path, body: `Invalid value: ${formatFieldValue(value)}: ${path} in body ${message}` };
}

const int32Min = -(2 ** 31);
const int32Max = 2 ** 31 - 1;

function child(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function validateValue(schema: OpenApiSchema, value: unknown, path: string, errors: FieldError[], root = false): void {
  if (schema['x-kubernetes-preserve-unknown-fields'] && schema.type === undefined) return;
  const actual = jsonTypeOf(value);
  if (!typeMatches(schema, actual)) {
    errors.push(typeInvalid(path, schema['x-kubernetes-int-or-string'] ? 'integer,string' : (schema.type ?? ''), actual));
    return;
  }
  if (typeof value === 'string') validateString(schema, value, path, errors);
  else if (typeof value === 'number') validateNumber(schema, value, path, errors);
  else if (Array.isArray(value)) validateArray(schema, value, path, errors);
  else if (isJsonObject(value)) validateObject(schema, value, path, errors, root);
}

function validateString(schema: OpenApiSchema, value: string, path: string, errors: FieldError[]): void {
  if (schema.enum && !schema.enum.includes(value)) errors.push(fieldNotSupported(path, value, schema.enum));
  // kube-openapi counts characters (runes), not bytes.
  const length = [...value].length;
  if (schema.maxLength !== undefined && length > schema.maxLength) errors.push(fieldTooLong(path, schema.maxLength));
  if (schema.minLength !== undefined && length < schema.minLength) errors.push(invalid(path, value, `should be at least ${schema.minLength} chars long`));
}

function validateNumber(schema: OpenApiSchema, value: number, path: string, errors: FieldError[]): void {
  if (schema.minimum !== undefined && value < schema.minimum) errors.push(invalid(path, value, `should be greater than or equal to ${schema.minimum}`));
  if (schema.maximum !== undefined && value > schema.maximum) errors.push(invalid(path, value, `should be less than or equal to ${schema.maximum}`));
  // The webhooks decode into Go int32 fields: a wider number never gets past them.
  if (schema.format === 'int32' && (value < int32Min || value > int32Max))
    errors.push(fieldInvalid(path, value, `must be between ${int32Min} and ${int32Max}, inclusive`));
}

function validateArray(schema: OpenApiSchema, value: unknown[], path: string, errors: FieldError[]): void {
  if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(invalid(path, value.length, `should have at least ${schema.minItems} items`));
  const items = schema.items;
  if (!items) return;
  value.forEach((item, i) => {
    // Pruning drops null members, not null list items: those fail the item's type.
    if (item === null) {
      if (items.type) errors.push(typeInvalid(`${path}[${i}]`, items.type, 'null'));
    } else validateValue(items, item, `${path}[${i}]`, errors);
  });
}

function validateObject(schema: OpenApiSchema, value: Record<string, unknown>, path: string, errors: FieldError[], root: boolean): void {
  // A null member is pruned before validation (non-nullable fields), so it counts as absent.
  for (const name of schema.required ?? []) if (value[name] === undefined || value[name] === null) errors.push(fieldRequired(child(path, name)));
  for (const [name, member] of Object.entries(value)) {
    if (member === null || member === undefined || (root && name === 'metadata')) continue;
    const ofMember = memberSchema(schema, name);
    if (ofMember) validateValue(ofMember, member, child(path, name), errors);
  }
}
