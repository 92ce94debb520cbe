import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { KubeObject } from '../api/meta.js';
import type { FieldOverrider } from '../api/policy.js';
import { applyJsonPatch, type PatchOperation } from './json-patch.js';
import { parsePointer, resolvePointer } from './json-pointer.js';

export type FieldOverrideResult = { readonly ok: true; readonly object: KubeObject } | { readonly ok: false; readonly path: string; readonly message: string };

/**
 * One field overrider: patches a JSON or YAML document held in a string field (fieldPath, an RFC 6901 pointer such as
 * /data/config.yaml) with RFC 6902 operations whose paths (subPath) point inside that document. YAML operations take
 * precedence over JSON ones, as in Karmada. The patched YAML is written with sorted keys and unindented sequences, the
 * way Go's sigs.k8s.io/yaml writes it; patched JSON is written compact.
 */
export function applyFieldOverrider(object: KubeObject, overrider: FieldOverrider): FieldOverrideResult {
  const path = overrider.fieldPath;
  const yamlOps = overrider.yaml ?? [];
  const jsonOps = overrider.json ?? [];
  if (yamlOps.length === 0 && jsonOps.length === 0) return { ok: true, object };
  const tokens = parsePointer(path);
  const current = tokens ? resolvePointer(object, tokens) : { found: false as const };
  if (!current.found) return { ok: false, path, message: `no value at ${path}` };
  if (typeof current.value !== 'string') return { ok: false, path, message: `Get object's value by overrider's path(${path}) is not string` };

  const format = yamlOps.length > 0 ? 'yaml' : 'json';
  let document: unknown;
  try {
    document = format === 'yaml' ? parseYaml(current.value) : JSON.parse(current.value);
  } catch (error) {
    return { ok: false, path, message: `the value at ${path} is not a ${format.toUpperCase()} document: ${(error as Error).message}` };
  }
  const operations: PatchOperation[] = (format === 'yaml' ? yamlOps : jsonOps).map((o) => ({ op: o.operator, path: o.subPath, value: o.value }));
  const patched = applyJsonPatch(document, operations);
  if (!patched.ok) return { ok: false, path: `${path} ${patched.path}`, message: patched.message };
  const text = format === 'yaml' ? stringifyYaml(patched.value, { sortMapEntries: true, indentSeq: false }) : JSON.stringify(patched.value);
  const written = applyJsonPatch(object, [{ op: 'replace', path, value: text }]);
  return written.ok ? { ok: true, object: written.value } : { ok: false, path, message: written.message };
}
