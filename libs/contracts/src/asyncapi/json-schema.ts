/**
 * JSON Schema (draft 07, the dialect AsyncAPI schemas extend) as plain data, with the few builders the event
 * schemas are written with. The builders only shorten the hand-written schemas; they add no keywords of their own.
 */
export interface JsonSchema {
  readonly [keyword: string]: unknown;
}

/** A reference to a schema of the document's `components.schemas`. */
export function ref(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}

export function string(description?: string, extra: JsonSchema = {}): JsonSchema {
  return { type: 'string', ...(description ? { description } : {}), ...extra };
}

export function integer(description?: string): JsonSchema {
  return { type: 'integer', ...(description ? { description } : {}) };
}

export function boolean(description?: string): JsonSchema {
  return { type: 'boolean', ...(description ? { description } : {}) };
}

export function array(items: JsonSchema, description?: string): JsonSchema {
  return { type: 'array', items, ...(description ? { description } : {}) };
}

/** A JSON object whose fields the schema does not pin down (a status, a condition, a Kubernetes object part). */
export function anyObject(description?: string): JsonSchema {
  return { type: 'object', additionalProperties: true, ...(description ? { description } : {}) };
}

/** A map of strings (labels, annotations). */
export function stringMap(description?: string): JsonSchema {
  return { type: 'object', additionalProperties: { type: 'string' }, ...(description ? { description } : {}) };
}

/**
 * An object with exactly these properties; `required` lists the ones always present (the others are optional, as
 * `field?:` in the TypeScript interface they describe).
 */
export function object(properties: Readonly<Record<string, JsonSchema>>, required: readonly string[], description?: string): JsonSchema {
  return {
    type: 'object',
    ...(description ? { description } : {}),
    properties,
    ...(required.length > 0 ? { required: [...required] } : {}),
    additionalProperties: false,
  };
}

/** The keys of T that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? never : K }[keyof T] & string;

/** A schema for every property of T, no more and no less. */
type PropertySchemas<T> = { readonly [K in keyof T & string]-?: JsonSchema };

/** Accepts the list only when it names every required key of T (the type error names the missing ones). */
type EveryRequiredKey<T, Listed extends readonly string[]> = [Exclude<RequiredKeys<T>, Listed[number]>] extends [never]
  ? Listed
  : { readonly missingRequiredKeys: Exclude<RequiredKeys<T>, Listed[number]> };

/**
 * {@link object} checked against the TypeScript type it describes: the compiler fails when the type gains, loses or
 * renames a property, or when `required` differs from the type's non-optional properties, so a data schema cannot
 * drift from its event's interface. `objectOf<WorkRefJson>()({ … }, ['namespace', …])`.
 */
export function objectOf<T>() {
  return <const Listed extends readonly RequiredKeys<T>[]>(properties: PropertySchemas<T>, required: EveryRequiredKey<T, Listed>, description?: string): JsonSchema =>
    object(properties, required as readonly string[], description);
}
