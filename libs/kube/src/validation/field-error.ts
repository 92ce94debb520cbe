/**
 * Field validation errors as apimachinery's field.Error: `type` is the cause reason, `body` the message without the
 * field path (`Required value`, `Invalid value: "x": detail`), the full message is `<field>: <body>`.
 */
export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueDuplicate'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueTypeInvalid'
  | 'FieldValueNotFound';

export interface FieldError {
  type: FieldErrorType;
  field: string;
  body: string;
}

/** Go's %#v-like rendering of the offending value: strings quoted, numbers and booleans bare, the rest as JSON. */
export function formatFieldValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  return JSON.stringify(value);
}

function withDetail(head: string, detail: string | undefined): string {
  return detail ? `${head}: ${detail}` : head;
}

export function fieldRequired(field: string, detail?: string): FieldError {
  return { type: 'FieldValueRequired', field, body: withDetail('Required value', detail) };
}

export function fieldInvalid(field: string, value: unknown, detail?: string): FieldError {
  return { type: 'FieldValueInvalid', field, body: withDetail(`Invalid value: ${formatFieldValue(value)}`, detail) };
}

export function fieldNotSupported(field: string, value: unknown, supported: readonly string[]): FieldError {
  const list = supported.map((s) => JSON.stringify(s)).join(', ');
  return { type: 'FieldValueNotSupported', field, body: `Unsupported value: ${formatFieldValue(value)}: supported values: ${list}` };
}

export function fieldForbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, body: `Forbidden: ${detail}` };
}

export function fieldDuplicate(field: string, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field, body: `Duplicate value: ${formatFieldValue(value)}` };
}

export function fieldTooLong(field: string, maxLength: number): FieldError {
  return { type: 'FieldValueTooLong', field, body: `Too long: may not be more than ${maxLength} bytes` };
}

export function fieldImmutable(field: string, value: unknown): FieldError {
  return fieldInvalid(field, value, 'field is immutable');
}

export function fieldErrorMessage(error: FieldError): string {
  return `${error.field}: ${error.body}`;
}
