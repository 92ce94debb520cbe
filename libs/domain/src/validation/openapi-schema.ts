/**
 * The subset of OpenAPI v3 (apiextensions JSONSchemaProps) that Karmada's CRD schemas use, as plain data. A schema
 * built here is a valid structural schema: libs/kube's pruning (`ResourceDefinition.schema`) reads it as it is.
 */
export interface OpenApiSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: 'int32' | 'int64';
  properties?: Readonly<Record<string, OpenApiSchema>>;
  required?: readonly string[];
  additionalProperties?: OpenApiSchema;
  items?: OpenApiSchema;
  enum?: readonly string[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  'x-kubernetes-preserve-unknown-fields'?: true;
  'x-kubernetes-int-or-string'?: true;
}

type Constraints<K extends keyof OpenApiSchema> = Pick<OpenApiSchema, K>;

export function objectSchema(properties: Record<string, OpenApiSchema>, options: Constraints<'required'> = {}): OpenApiSchema {
  return { type: 'object', properties, ...options };
}

export function arraySchema(items: OpenApiSchema, options: Constraints<'minItems'> = {}): OpenApiSchema {
  return { type: 'array', items, ...options };
}

export function stringSchema(options: Constraints<'enum' | 'default' | 'minLength' | 'maxLength'> = {}): OpenApiSchema {
  return { type: 'string', ...options };
}

export function integerSchema(options: Constraints<'format' | 'minimum' | 'maximum' | 'default'> = {}): OpenApiSchema {
  return { type: 'integer', ...options };
}

export function booleanSchema(): OpenApiSchema {
  return { type: 'boolean' };
}

/** map[string]string. */
export function stringMapSchema(): OpenApiSchema {
  return { type: 'object', additionalProperties: { type: 'string' } };
}

/** Any JSON value kept as sent (apiextensionsv1.JSON, runtime.RawExtension). */
export function anyValueSchema(): OpenApiSchema {
  return { 'x-kubernetes-preserve-unknown-fields': true };
}

/** resource.Quantity: a number or a string. */
export function quantitySchema(): OpenApiSchema {
  return { 'x-kubernetes-int-or-string': true };
}

/** The schema of an object's member: a declared property (own keys only, never `toString`), else additionalProperties. */
export function memberSchema(schema: OpenApiSchema, name: string): OpenApiSchema | undefined {
  const declared = schema.properties && Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
  return declared ?? schema.additionalProperties;
}
