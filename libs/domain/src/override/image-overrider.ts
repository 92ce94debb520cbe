import type { KubeObject } from '../api/meta.js';
import type { ImageOverrider } from '../api/policy.js';
import { recordsAt } from '../interpret/unstructured.js';
import { formatImage, overrideImage } from './image-reference.js';
import type { PatchOperation } from './json-patch.js';
import { parsePointer, resolvePointer } from './json-pointer.js';

/** Where the pod spec sits, per kind, for overriders that find containers themselves (Karmada matches kind only). */
export function podSpecPath(kind: string): string | undefined {
  if (kind === 'Pod') return '/spec';
  return ['ReplicaSet', 'Deployment', 'DaemonSet', 'StatefulSet', 'Job'].includes(kind) ? '/spec/template/spec' : undefined;
}

export type ImagePatches = { readonly ok: true; readonly patches: PatchOperation[] } | { readonly ok: false; readonly path?: string; readonly message: string };

/**
 * The replace operations one image overrider makes. Without a predicate it rewrites the image of every app container
 * (not init containers) of a Pod, ReplicaSet, Deployment, DaemonSet, StatefulSet or Job, and does nothing for other
 * kinds; with a predicate it rewrites the string at predicate.path, which must exist.
 */
export function imagePatches(object: KubeObject, overrider: ImageOverrider): ImagePatches {
  const targets = overrider.predicate ? [overrider.predicate.path] : autoDetectedImagePaths(object);
  const patches: PatchOperation[] = [];
  for (const path of targets) {
    if (!path.startsWith('/')) return { ok: false, path, message: 'imagePath should be start with / character' };
    const tokens = parsePointer(path) ?? [];
    const current = resolvePointer(object, tokens);
    if (!current.found || typeof current.value !== 'string') {
      return { ok: false, path, message: `failed to obtain imageValue with predicate path(${path}), error: no string value at this path` };
    }
    const result = overrideImage(current.value, overrider);
    if (!result.ok) return { ok: false, path, message: result.message };
    patches.push({ op: 'replace', path, value: formatImage(result.image) });
  }
  return { ok: true, patches };
}

function autoDetectedImagePaths(object: KubeObject): string[] {
  const base = podSpecPath(object.kind);
  if (!base) return [];
  const podSpec = resolvePointer(object, parsePointer(base) ?? []);
  return recordsAt(podSpec.found ? podSpec.value : undefined, 'containers').map((_, index) => `${base}/containers/${index}/image`);
}
