import type { KubeObject } from '../api/meta.js';
import type {
  AnyPropagationPolicy,
  ClusterOverridePolicy,
  ClusterPropagationPolicy,
  OverridePolicy,
  PropagationPolicy,
} from '../api/policy.js';
import { KarmadaLabel } from '../api/well-known.js';
import { sameJson } from '../interpret/unstructured.js';
import { bestPolicy, isBeingDeleted, policyMatchPriority } from './best-policy.js';
import { claimOf, sameClaim, withClaim, type PolicyClaim } from './claim.js';
import { canPreempt } from './preemption.js';
import { isPropagationCandidate, type PropagationScopeOptions } from './propagation-scope.js';
import { ImplicitPriority } from './resource-selector.js';

/** The policies the detector weighs for one template. Lists may hold policies of any namespace; they are filtered. */
export interface DetectInput {
  readonly propagationPolicies: readonly PropagationPolicy[];
  readonly clusterPropagationPolicies: readonly ClusterPropagationPolicy[];
  /** Present OverridePolicies, to check a PropagationPolicy's dependentOverrides (same namespace as the PP). */
  readonly overridePolicies?: readonly OverridePolicy[];
  /** Present ClusterOverridePolicies, to check a ClusterPropagationPolicy's dependentOverrides. */
  readonly clusterOverridePolicies?: readonly ClusterOverridePolicy[];
}

export interface DetectOptions extends PropagationScopeOptions {
  /** Karmada's PolicyPreemption feature gate (alpha, off by default there and here). */
  readonly policyPreemption?: boolean;
}

/** Why a template is (re)claimed. */
export type ClaimReason =
  /** An unclaimed template matched this policy. */
  | 'NewMatch'
  /** A `preemption: Always` policy takes the template from its claimant. */
  | 'Preemption'
  /** Same policy, but the claim metadata on the template is stale (re-created policy, or a leftover CPP claim). */
  | 'ClaimRefresh';

/** Why a claim is given up. The binding and member objects stay; only the claim metadata goes (Karmada #2380). */
export type ReleaseReason = 'PolicyDeleted' | 'PolicyDeleting' | 'NoLongerMatches';

/**
 * What the detector decides for a template. Claim and Keep both mean "(re)build the binding from `policy`"; Claim
 * also means "write `claim` on the template (withClaim) first".
 */
export type Decision =
  /** The template is outside the detector's scope (reserved/skipped namespace, Karmada API) or owned by another controller. */
  | { readonly type: 'Ignore'; readonly reason: 'OutOfScope' | 'ClaimedByOther' }
  | { readonly type: 'Claim'; readonly reason: ClaimReason; readonly policy: AnyPropagationPolicy; readonly claim: PolicyClaim; readonly replaces?: PolicyClaim }
  | { readonly type: 'Keep'; readonly policy: AnyPropagationPolicy; readonly claim: PolicyClaim }
  /** Strip `claim` from the binding, then from the template (withoutClaim); the template may then match another policy. */
  | { readonly type: 'Release'; readonly reason: ReleaseReason; readonly claim: PolicyClaim }
  /** The chosen policy names OverridePolicies that do not exist yet: retry later, claim nothing now. */
  | { readonly type: 'WaitForDependentOverrides'; readonly policy: AnyPropagationPolicy; readonly missing: readonly string[] }
  /** No policy matches: Karmada parks the template on a waiting list until a policy arrives. */
  | { readonly type: 'NoMatch' };

/**
 * The resource detector's decision for one template (Karmada's propagateResource), as a pure function.
 *
 * - A claimed template stays with its policy (stickiness) unless the PolicyPreemption gate is on and a matching
 *   `preemption: Always` policy may preempt its claimant (see canPreempt); a claimed policy that is gone, being
 *   deleted or no longer matching releases the claim.
 * - An unclaimed template goes to the best PropagationPolicy of its namespace; only when none matches, to the best
 *   ClusterPropagationPolicy: a matching PP always beats any CPP, whatever their priorities.
 * - A policy whose dependentOverrides are not all present makes the template wait.
 */
export function detect(template: KubeObject, input: DetectInput, currentClaim: PolicyClaim | undefined, options: DetectOptions = {}): Decision {
  if (!isPropagationCandidate(template, options)) return { type: 'Ignore', reason: 'OutOfScope' };
  if (template.metadata.labels?.[KarmadaLabel.ResourceTemplateClaimedBy]) return { type: 'Ignore', reason: 'ClaimedByOther' };
  return currentClaim ? decideClaimed(template, input, currentClaim, options) : decideUnclaimed(template, input);
}

function decideClaimed(template: KubeObject, input: DetectInput, current: PolicyClaim, options: DetectOptions): Decision {
  const claimant = findClaimant(input, current);
  if (!claimant) return { type: 'Release', reason: 'PolicyDeleted', claim: current };
  if (isBeingDeleted(claimant)) return { type: 'Release', reason: 'PolicyDeleting', claim: current };
  if (policyMatchPriority(claimant, template) === ImplicitPriority.Mismatch) return { type: 'Release', reason: 'NoLongerMatches', claim: current };

  const preemptor = options.policyPreemption ? findPreemptor(template, input, claimant) : undefined;
  if (preemptor) return claimUnlessWaiting(preemptor, input, 'Preemption', current);

  const claim = claimOf(claimant);
  const refreshed = withClaim(template, claim).metadata;
  const stale = !sameClaim(current, claim) || !sameJson(refreshed, template.metadata);
  if (stale) return claimUnlessWaiting(claimant, input, 'ClaimRefresh', current);
  const missing = missingDependentOverrides(claimant, input);
  return missing.length > 0 ? { type: 'WaitForDependentOverrides', policy: claimant, missing } : { type: 'Keep', policy: claimant, claim };
}

function decideUnclaimed(template: KubeObject, input: DetectInput): Decision {
  const policy: AnyPropagationPolicy | undefined =
    bestPolicy(template, input.propagationPolicies) ?? bestPolicy(template, input.clusterPropagationPolicies);
  return policy ? claimUnlessWaiting(policy, input, 'NewMatch', undefined) : { type: 'NoMatch' };
}

function claimUnlessWaiting(policy: AnyPropagationPolicy, input: DetectInput, reason: ClaimReason, replaces: PolicyClaim | undefined): Decision {
  const missing = missingDependentOverrides(policy, input);
  if (missing.length > 0) return { type: 'WaitForDependentOverrides', policy, missing };
  return { type: 'Claim', reason, policy, claim: claimOf(policy), ...(replaces ? { replaces } : {}) };
}

function findClaimant(input: DetectInput, claim: PolicyClaim): AnyPropagationPolicy | undefined {
  return claim.kind === 'PropagationPolicy'
    ? input.propagationPolicies.find((p) => p.metadata.namespace === claim.namespace && p.metadata.name === claim.name)
    : input.clusterPropagationPolicies.find((p) => p.metadata.name === claim.name);
}

/** The best matching policy allowed to preempt the claimant: PropagationPolicies first, as for unclaimed templates. */
function findPreemptor(template: KubeObject, input: DetectInput, claimant: AnyPropagationPolicy): AnyPropagationPolicy | undefined {
  const eligible = <P extends AnyPropagationPolicy>(policies: readonly P[]): P[] =>
    policies.filter((p) => p !== claimant && canPreempt(p, claimant));
  return bestPolicy(template, eligible(input.propagationPolicies)) ?? bestPolicy(template, eligible(input.clusterPropagationPolicies));
}

function missingDependentOverrides(policy: AnyPropagationPolicy, input: DetectInput): string[] {
  const present =
    policy.kind === 'PropagationPolicy'
      ? (input.overridePolicies ?? []).filter((op) => op.metadata.namespace === policy.metadata.namespace).map((op) => op.metadata.name)
      : (input.clusterOverridePolicies ?? []).map((cop) => cop.metadata.name);
  return (policy.spec.dependentOverrides ?? []).filter((name) => !present.includes(name));
}
