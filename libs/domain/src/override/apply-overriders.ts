import type { KubeObject } from '../api/meta.js';
import type { Overriders } from '../api/policy.js';
import { commandArgsPatches } from './command-args-overrider.js';
import { applyFieldOverrider } from './field-overrider.js';
import { imagePatches } from './image-overrider.js';
import { applyJsonPatch, type PatchOperation } from './json-patch.js';
import { labelAnnotationPatches } from './label-annotation-overrider.js';
import type { OverriderResult } from './overrider-result.js';

/**
 * The overriders of one rule, applied to a copy of the object in Karmada's order: image, command, args, labels,
 * annotations, field, then all plaintext operations as one JSON patch. Each overrider sees the result of the previous
 * one. The first failure stops everything; the input object is never changed.
 */
export function applyOverriders(object: KubeObject, overriders: Overriders): OverriderResult {
  let current = object;
  const step = (overrider: keyof Overriders, index: number, patches: PatchOperation[]): OverriderResult => {
    const patched = applyJsonPatch(current, patches);
    if (!patched.ok) return { ok: false, overrider, index, path: patched.path, message: patched.message };
    current = patched.value;
    return { ok: true, object: current };
  };

  for (const [index, overrider] of (overriders.imageOverrider ?? []).entries()) {
    const patches = imagePatches(current, overrider);
    if (!patches.ok) return { ok: false, overrider: 'imageOverrider', index, ...(patches.path ? { path: patches.path } : {}), message: patches.message };
    const result = step('imageOverrider', index, patches.patches);
    if (!result.ok) return result;
  }
  for (const [field, key] of [['command', 'commandOverrider'], ['args', 'argsOverrider']] as const) {
    for (const [index, overrider] of (overriders[key] ?? []).entries()) {
      const result = step(key, index, commandArgsPatches(field, current, overrider));
      if (!result.ok) return result;
    }
  }
  for (const [field, key] of [['labels', 'labelsOverrider'], ['annotations', 'annotationsOverrider']] as const) {
    for (const [index, overrider] of (overriders[key] ?? []).entries()) {
      const result = step(key, index, labelAnnotationPatches(current, field, overrider));
      if (!result.ok) return result;
    }
  }
  for (const [index, overrider] of (overriders.fieldOverrider ?? []).entries()) {
    const result = applyFieldOverrider(current, overrider);
    if (!result.ok) return { ok: false, overrider: 'fieldOverrider', index, path: result.path, message: result.message };
    current = result.object;
  }
  const plaintext = (overriders.plaintext ?? []).map((p): PatchOperation => ({ op: p.operator, path: p.path, value: p.value }));
  const patched = applyJsonPatch(current, plaintext);
  if (!patched.ok) return { ok: false, overrider: 'plaintext', index: patched.index, path: patched.path, message: patched.message };
  return { ok: true, object: patched.value };
}
