import type { Cluster } from '../api/cluster.js';
import type { KubeObject } from '../api/meta.js';
import type { AnyOverridePolicy, ClusterOverridePolicy, OverridePolicy, Overriders, RuleWithCluster } from '../api/policy.js';
import { matchesClusterAffinity } from '../policy/cluster-affinity.js';
import { ImplicitPriority, matchesResourceSelectors, resourceSelectorsPriority } from '../policy/resource-selector.js';

/** One rule of one override policy that applies to a template on a cluster. */
export interface MatchedRule {
  readonly policy: { readonly kind: AnyOverridePolicy['kind']; readonly namespace?: string; readonly name: string };
  /** Index in spec.overrideRules (0 for the deprecated targetCluster/overriders pair). */
  readonly ruleIndex: number;
  readonly overriders: Overriders;
}

export interface OverridePolicies {
  readonly clusterOverridePolicies: readonly ClusterOverridePolicy[];
  /** May hold policies of any namespace: only those of the template's namespace apply. */
  readonly overridePolicies: readonly OverridePolicy[];
}

/**
 * The rules to apply to a template for one cluster, in application order (Karmada's override manager): all matching
 * ClusterOverridePolicies first, then, for a namespaced template, the OverridePolicies of its namespace. Within each
 * kind policies go by implicit priority ascending (match-all, label selector, name) then name ascending, so more
 * specific policies apply later and win. A policy without resourceSelectors matches everything; a rule without
 * targetCluster applies to every cluster.
 */
export function matchingOverrideRules(template: KubeObject, cluster: Cluster, policies: OverridePolicies): MatchedRule[] {
  const namespace = template.metadata.namespace ?? '';
  const namespaced = namespace ? policies.overridePolicies.filter((p) => p.metadata.namespace === namespace) : [];
  return [...rulesOf(template, cluster, policies.clusterOverridePolicies), ...rulesOf(template, cluster, namespaced)];
}

function rulesOf(template: KubeObject, cluster: Cluster, policies: readonly AnyOverridePolicy[]): MatchedRule[] {
  const matching = policies
    .filter((p) => !p.spec.resourceSelectors?.length || matchesResourceSelectors(template, p.spec.resourceSelectors))
    .map((policy) => ({ policy, priority: implicitPriority(template, policy) }))
    .sort((a, b) => a.priority - b.priority || compareNames(a.policy.metadata.name ?? '', b.policy.metadata.name ?? ''));
  return matching.flatMap(({ policy }) =>
    rules(policy).flatMap((rule, ruleIndex): MatchedRule[] =>
      !rule.targetCluster || matchesClusterAffinity(cluster, rule.targetCluster)
        ? [{ policy: policyRef(policy), ruleIndex, overriders: rule.overriders }]
        : [],
    ),
  );
}

function implicitPriority(template: KubeObject, policy: AnyOverridePolicy): ImplicitPriority {
  return policy.spec.resourceSelectors?.length ? resourceSelectorsPriority(template, policy.spec.resourceSelectors) : ImplicitPriority.MatchAll;
}

/** overrideRules, or the deprecated targetCluster + overriders pair (the webhook keeps them mutually exclusive). */
function rules(policy: AnyOverridePolicy): RuleWithCluster[] {
  if (policy.spec.overrideRules?.length) return policy.spec.overrideRules;
  const legacy: RuleWithCluster = { overriders: policy.spec.overriders ?? {} };
  return [policy.spec.targetCluster ? { ...legacy, targetCluster: policy.spec.targetCluster } : legacy];
}

function policyRef(policy: AnyOverridePolicy): MatchedRule['policy'] {
  const name = policy.metadata.name ?? '';
  return policy.kind === 'OverridePolicy' ? { kind: policy.kind, namespace: policy.metadata.namespace ?? '', name } : { kind: policy.kind, name };
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
