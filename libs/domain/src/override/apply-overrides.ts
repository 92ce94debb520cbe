import type { Cluster } from '../api/cluster.js';
import type { KubeObject } from '../api/meta.js';
import { KarmadaAnnotation } from '../api/well-known.js';
import { applyOverriders } from './apply-overriders.js';
import { appliedOverridesAnnotation, type AppliedOverrideItem } from './applied-overrides.js';
import { matchingOverrideRules, type MatchedRule, type OverridePolicies } from './matching-override-rules.js';
import type { OverriderFailure } from './overrider-result.js';

/** A rule that could not be applied: which policy, which rule, which overrider and where. */
export interface OverrideError extends OverriderFailure {
  readonly policy: MatchedRule['policy'];
  readonly ruleIndex: number;
  /** One line for conditions, events and logs, e.g. `ClusterOverridePolicy "images" rule 0 imageOverrider[1] at /spec/x: …`. */
  readonly summary: string;
}

export type OverridesResult =
  | {
      readonly ok: true;
      /** The overridden copy. */
      readonly object: KubeObject;
      /** Work annotations recording what was applied (applied-cluster-overrides / applied-overrides), only those set. */
      readonly annotations: Record<string, string>;
      readonly appliedClusterOverrides: readonly AppliedOverrideItem[];
      readonly appliedOverrides: readonly AppliedOverrideItem[];
    }
  | { readonly ok: false; readonly error: OverrideError };

/**
 * Applies every ClusterOverridePolicy and OverridePolicy rule that targets this template on this cluster, in Karmada's
 * order (see matchingOverrideRules), to a copy of the template. All or nothing: on the first failing rule the result
 * names it and no half-overridden object exists.
 */
export function applyOverrides(template: KubeObject, cluster: Cluster, policies: OverridePolicies): OverridesResult {
  let object = template;
  const clusterItems: AppliedOverrideItem[] = [];
  const namespacedItems: AppliedOverrideItem[] = [];
  for (const rule of matchingOverrideRules(template, cluster, policies)) {
    const result = applyOverriders(object, rule.overriders);
    if (!result.ok) {
      const { ok: _failed, ...failure } = result;
      return { ok: false, error: { ...failure, policy: rule.policy, ruleIndex: rule.ruleIndex, summary: summarize(rule, failure) } };
    }
    object = result.object;
    (rule.policy.kind === 'ClusterOverridePolicy' ? clusterItems : namespacedItems).push({ policyName: rule.policy.name, overriders: rule.overriders });
  }
  const clusterAnnotation = appliedOverridesAnnotation(clusterItems);
  const namespacedAnnotation = appliedOverridesAnnotation(namespacedItems);
  return {
    ok: true,
    object,
    annotations: {
      ...(clusterAnnotation ? { [KarmadaAnnotation.AppliedClusterOverrides]: clusterAnnotation } : {}),
      ...(namespacedAnnotation ? { [KarmadaAnnotation.AppliedOverrides]: namespacedAnnotation } : {}),
    },
    appliedClusterOverrides: clusterItems,
    appliedOverrides: namespacedItems,
  };
}

function summarize(rule: MatchedRule, failure: OverriderFailure): string {
  const policy = rule.policy.namespace ? `${rule.policy.namespace}/${rule.policy.name}` : rule.policy.name;
  const where = failure.path ? ` at ${failure.path}` : '';
  return `${rule.policy.kind} "${policy}" rule ${rule.ruleIndex} ${failure.overrider}[${failure.index}]${where}: ${failure.message}`;
}
