import { assertNever } from '../util/assert-never.js';
import type { GenerationPolicy } from '../discovery/resource-definition.js';
import { deepEqual } from '../util/json.js';
import type { KubeObject } from './object.js';

/**
 * metadata.generation after an update (kube-api-notes §5): Deployment bumps on spec or annotations, workloads on
 * spec, custom resources on anything outside metadata (and status when it is a subresource); status writes never.
 */
export function nextGeneration(policy: GenerationPolicy, old: KubeObject, next: KubeObject, statusIsSubresource: boolean): number | undefined {
  const current = old.metadata.generation;
  if (policy === 'none') return current;
  const base = current ?? 1;
  return changed(policy, old, next, statusIsSubresource) ? base + 1 : base;
}

function changed(policy: Exclude<GenerationPolicy, 'none'>, old: KubeObject, next: KubeObject, statusIsSubresource: boolean): boolean {
  switch (policy) {
    case 'spec':
      return !deepEqual(old['spec'], next['spec']);
    case 'spec-and-annotations':
      return !deepEqual(old['spec'], next['spec']) || !deepEqual(old.metadata.annotations ?? {}, next.metadata.annotations ?? {});
    case 'non-metadata': {
      const keys = new Set([...Object.keys(old), ...Object.keys(next)]);
      for (const key of keys) {
        if (key === 'metadata' || key === 'apiVersion' || key === 'kind' || (statusIsSubresource && key === 'status')) continue;
        if (!deepEqual(old[key], next[key])) return true;
      }
      return false;
    }
    default:
      return assertNever(policy, 'generation policy');
  }
}
