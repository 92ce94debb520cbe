import { isJsonObject } from '@karmada-ts/kube';
import { clusterSchema } from './cluster-schema.js';
import { memberSchema, type OpenApiSchema } from './openapi-schema.js';
import { clusterOverridePolicySchema, overridePolicySchema } from './override-policy-schema.js';
import { clusterPropagationPolicySchema, propagationPolicySchema } from './propagation-policy-schema.js';

/** The Karmada kinds whose whole shape is known here, each with its schema. */
export const karmadaSchemas = {
  PropagationPolicy: propagationPolicySchema,
  ClusterPropagationPolicy: clusterPropagationPolicySchema,
  OverridePolicy: overridePolicySchema,
  ClusterOverridePolicy: clusterOverridePolicySchema,
  Cluster: clusterSchema,
} as const satisfies Record<string, OpenApiSchema>;

export type KarmadaSchemaKind = keyof typeof karmadaSchemas;

export function isKarmadaSchemaKind(kind: string): kind is KarmadaSchemaKind {
  return Object.hasOwn(karmadaSchemas, kind);
}

/**
 * The paths of members the kind's schema does not declare (`spec.foo`, `spec.resourceSelectors[0].bar`,
 * `metadata.foo`), in document order: what the API server names in `strict decoding error: unknown field "…"`
 * under fieldValidation=Strict, and prunes otherwise.
 */
export function unknownFields(kind: KarmadaSchemaKind, object: unknown): string[] {
  const found: string[] = [];
  collect(karmadaSchemas[kind], object, '', found);
  return found;
}

function collect(schema: OpenApiSchema, value: unknown, path: string, found: string[]): void {
  if (schema['x-kubernetes-preserve-unknown-fields'] || schema['x-kubernetes-int-or-string']) return;
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((item, i) => collect(schema.items!, item, `${path}[${i}]`, found));
    return;
  }
  // Like the API server's pruning, members of an object are judged by the schema even where it wants no object.
  if (!isJsonObject(value)) return;
  for (const [name, member] of Object.entries(value)) {
    const memberPath = path === '' ? name : `${path}.${name}`;
    const ofMember = memberSchema(schema, name);
    if (ofMember) collect(ofMember, member, memberPath, found);
    else found.push(memberPath);
  }
}
