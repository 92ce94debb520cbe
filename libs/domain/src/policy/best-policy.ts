import type { KubeObject } from '../api/meta.js';
import type { AnyPropagationPolicy } from '../api/policy.js';
import { isReservedNamespace } from './propagation-scope.js';
import { ImplicitPriority, resourceSelectorsPriority } from './resource-selector.js';

/** spec.priority, 0 when unset (Karmada's ExplicitPriority). */
export function explicitPriority(policy: AnyPropagationPolicy): number {
  return policy.spec.priority ?? 0;
}

export function isBeingDeleted(object: { readonly metadata: { readonly deletionTimestamp?: string } }): boolean {
  return Boolean(object.metadata.deletionTimestamp);
}

/**
 * Whether a policy may claim a template at all, before its selectors are consulted: a PropagationPolicy only templates
 * of its own namespace; a ClusterPropagationPolicy anything outside Karmada's reserved namespaces. Policies being
 * deleted claim nothing.
 */
export function canPolicyClaim(policy: AnyPropagationPolicy, template: KubeObject): boolean {
  if (isBeingDeleted(policy)) return false;
  const namespace = template.metadata.namespace ?? '';
  if (policy.kind === 'PropagationPolicy') return namespace !== '' && policy.metadata.namespace === namespace;
  return !isReservedNamespace(namespace);
}

/** How well a policy matches a template: its implicit priority, Mismatch when it may not claim the template. */
export function policyMatchPriority(policy: AnyPropagationPolicy, template: KubeObject): ImplicitPriority {
  if (!canPolicyClaim(policy, template)) return ImplicitPriority.Mismatch;
  return resourceSelectorsPriority(template, policy.spec.resourceSelectors);
}

/**
 * The policy that should claim an unclaimed template among policies of one kind: the highest spec.priority, then the
 * highest implicit priority (name > labelSelector > match-all), then the lexicographically smallest name.
 */
export function bestPolicy<P extends AnyPropagationPolicy>(template: KubeObject, policies: readonly P[]): P | undefined {
  let best: { policy: P; explicit: number; implicit: ImplicitPriority } | undefined;
  for (const policy of policies) {
    const implicit = policyMatchPriority(policy, template);
    if (implicit === ImplicitPriority.Mismatch) continue;
    const candidate = { policy, explicit: explicitPriority(policy), implicit };
    if (!best || ranksHigher(candidate, best)) best = candidate;
  }
  return best?.policy;
}

function ranksHigher(
  a: { policy: AnyPropagationPolicy; explicit: number; implicit: number },
  b: { policy: AnyPropagationPolicy; explicit: number; implicit: number },
): boolean {
  if (a.explicit !== b.explicit) return a.explicit > b.explicit;
  if (a.implicit !== b.implicit) return a.implicit > b.implicit;
  return (a.policy.metadata.name ?? '') < (b.policy.metadata.name ?? '');
}
