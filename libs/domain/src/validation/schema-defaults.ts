import { cloneJson, isJsonObject } from '@karmada-ts/kube';
import { memberSchema, type OpenApiSchema } from './openapi-schema.js';

/**
 * Structural defaulting as the API server does it for a custom resource: a member with a `default` that is absent
 * (or null) gets a copy of the default, inside every object that is present; a null member without a default is
 * dropped (non-nullable). Members the schema does not know are kept for pruning to judge. Returns a new value.
 */
export function applySchemaDefaults<T>(schema: OpenApiSchema, value: T): T {
  return defaulted(schema, value) as T;
}

function defaulted(schema: OpenApiSchema, value: unknown): unknown {
  if (Array.isArray(value)) return schema.items ? value.map((item) => defaulted(schema.items!, item)) : value;
  if (!isJsonObject(value) || schema['x-kubernetes-preserve-unknown-fields']) return value;
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(value)) {
    const ofMember = memberSchema(schema, name);
    if (member === null && ofMember && ofMember.default === undefined) continue;
    out[name] = ofMember && member !== null ? defaulted(ofMember, member) : member;
  }
  for (const [name, declared] of Object.entries(schema.properties ?? {})) {
    if (declared.default !== undefined && (out[name] === undefined || out[name] === null)) out[name] = defaulted(declared, cloneJson(declared.default));
  }
  return out;
}
