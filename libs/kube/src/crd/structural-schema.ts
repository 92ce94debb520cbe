import { isJsonObject, type JsonObject } from '../util/json.js';

/**
 * Pruning of unknown fields by a CRD's structural schema: members the schema does not declare are dropped
 * (or reported, for fieldValidation=Strict/Warn) unless `x-kubernetes-preserve-unknown-fields` or
 * `additionalProperties` allow them. apiVersion, kind and metadata at the root are always kept.
 */
export interface PruneResult {
  value: unknown;
  /** Dotted paths of the dropped members (`spec.foo`), in document order. */
  unknownFields: string[];
}

export function pruneBySchema(object: JsonObject, schema: unknown): PruneResult {
  const unknownFields: string[] = [];
  const value = prune(object, schema, '', unknownFields, true);
  return { value, unknownFields };
}

function prune(value: unknown, schema: unknown, path: string, unknown: string[], root: boolean): unknown {
  if (!isJsonObject(schema)) return value;
  if (Array.isArray(value)) return isJsonObject(schema['items']) ? value.map((item, i) => prune(item, schema['items'], `${path}[${i}]`, unknown, false)) : value;
  if (!isJsonObject(value)) return value;
  const properties = isJsonObject(schema['properties']) ? schema['properties'] : undefined;
  const additional = schema['additionalProperties'];
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  if (!properties && isJsonObject(additional)) {
    const out: JsonObject = {};
    for (const [key, member] of Object.entries(value)) out[key] = prune(member, additional, join(path, key), unknown, false);
    return out;
  }
  if (!properties && (preserve || additional === true || schema['x-kubernetes-embedded-resource'] === true || schema['x-kubernetes-int-or-string'] === true)) return value;
  const out: JsonObject = {};
  for (const [key, member] of Object.entries(value)) {
    if (root && (key === 'apiVersion' || key === 'kind' || key === 'metadata')) out[key] = member;
    else if (properties && key in properties) out[key] = prune(member, properties[key], join(path, key), unknown, false);
    else if (preserve || additional === true) out[key] = member;
    else if (isJsonObject(additional)) out[key] = prune(member, additional, join(path, key), unknown, false);
    else unknown.push(join(path, key));
  }
  return out;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
