import type { KubeObject } from '../api/meta.js';
import type { ResourceSelector } from '../api/policy.js';
import { matchesLabelSelector } from './label-selector.js';

/**
 * How specifically a selector picks a resource (Karmada's util.ImplicitPriority). Higher is more specific; a policy's
 * implicit priority is the best over its selectors.
 */
export const ImplicitPriority = { Mismatch: 0, MatchAll: 1, MatchLabelSelector: 2, MatchName: 3 } as const;
export type ImplicitPriority = (typeof ImplicitPriority)[keyof typeof ImplicitPriority];

/**
 * The implicit priority of one selector for a resource. apiVersion and kind must be equal and a set namespace must be
 * equal; then a set name decides alone (the labelSelector is ignored), else a labelSelector must match, else the
 * selector matches all.
 */
export function resourceSelectorPriority(resource: KubeObject, selector: ResourceSelector): ImplicitPriority {
  if (resource.apiVersion !== selector.apiVersion || resource.kind !== selector.kind) return ImplicitPriority.Mismatch;
  if (selector.namespace && (resource.metadata.namespace ?? '') !== selector.namespace) return ImplicitPriority.Mismatch;
  if (selector.name) return selector.name === resource.metadata.name ? ImplicitPriority.MatchName : ImplicitPriority.Mismatch;
  if (!selector.labelSelector) return ImplicitPriority.MatchAll;
  return matchesLabelSelector(selector.labelSelector, resource.metadata.labels) ? ImplicitPriority.MatchLabelSelector : ImplicitPriority.Mismatch;
}

/** The best implicit priority over several selectors; Mismatch when none matches or there are none. */
export function resourceSelectorsPriority(resource: KubeObject, selectors: readonly ResourceSelector[] | undefined): ImplicitPriority {
  let best: ImplicitPriority = ImplicitPriority.Mismatch;
  for (const selector of selectors ?? []) {
    const priority = resourceSelectorPriority(resource, selector);
    if (priority > best) best = priority;
  }
  return best;
}

/** Whether any selector matches the resource. */
export function matchesResourceSelectors(resource: KubeObject, selectors: readonly ResourceSelector[] | undefined): boolean {
  return resourceSelectorsPriority(resource, selectors) > ImplicitPriority.Mismatch;
}
