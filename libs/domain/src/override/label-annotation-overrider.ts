import type { KubeObject } from '../api/meta.js';
import type { LabelAnnotationOverrider } from '../api/policy.js';
import type { PatchOperation } from './json-patch.js';
import { formatPointer } from './json-pointer.js';

/**
 * The operations one labels or annotations overrider makes on metadata.labels / metadata.annotations: `add` sets every
 * key (creating the map when missing), `replace` and `remove` touch only keys already present.
 */
export function labelAnnotationPatches(object: KubeObject, field: 'labels' | 'annotations', overrider: LabelAnnotationOverrider): PatchOperation[] {
  const current = object.metadata[field];
  const entries = Object.entries(overrider.value ?? {});
  const patches: PatchOperation[] = [];
  if (overrider.operator === 'add' && !current && entries.length > 0) patches.push({ op: 'add', path: `/metadata/${field}`, value: {} });
  for (const [key, value] of entries) {
    if (overrider.operator !== 'add' && !(current && Object.hasOwn(current, key))) continue;
    patches.push({ op: overrider.operator, path: formatPointer(['metadata', field, key]), value });
  }
  return patches;
}
