import type { KubeObject } from '../api/meta.js';
import type { AnyPropagationPolicy } from '../api/policy.js';
import { KarmadaLabel } from '../api/well-known.js';
import { explicitPriority, isBeingDeleted, policyMatchPriority } from '../policy/best-policy.js';
import type { PolicyClaim } from '../policy/claim.js';
import type { Decision } from '../policy/detect.js';
import { isReservedNamespace } from '../policy/propagation-scope.js';
import { ImplicitPriority } from '../policy/resource-selector.js';
import { assertNever } from '../scheduling/assert-never.js';

/** Whether the previewed policy would claim a template, and why (not). */
export interface ClaimVerdict {
  readonly claimed: boolean;
  readonly reason: string;
}

/**
 * Reads the detector's decision for a template from the previewed policy's side. `detection` is what detect() said
 * with the previewed policy among the others (undefined when the detector did not look: the template is being
 * deleted); `policyPreemption` is the PolicyPreemption feature gate the detector runs with.
 */
export function claimVerdict(policy: AnyPropagationPolicy, template: KubeObject, detection: Decision | undefined, policyPreemption: boolean): ClaimVerdict {
  if (!detection) return notClaimed('the template is being deleted');
  switch (detection.type) {
    case 'Ignore':
      return notClaimed(
        detection.reason === 'ClaimedByOther'
          ? `another controller claims it (label ${KarmadaLabel.ResourceTemplateClaimedBy}=${template.metadata.labels?.[KarmadaLabel.ResourceTemplateClaimedBy] ?? ''})`
          : 'Karmada never propagates it: objects of reserved or skipped namespaces (karmada-system, karmada-cluster, karmada-es-*, kube-*), Karmada\'s own APIs, events and leases stay in the control plane',
      );
    case 'NoMatch':
    case 'Release':
      return notClaimed(mismatchReason(policy, template));
    case 'Claim':
    case 'Keep':
    case 'WaitForDependentOverrides':
      break;
    default:
      return assertNever(detection);
  }
  const ours = samePolicy(detection.policy, policy);
  if (detection.type === 'WaitForDependentOverrides') {
    const missing = detection.missing.join(', ');
    if (ours) return notClaimed(`the policy's dependentOverrides ${missing} do not exist: the template waits until they do`);
    return notClaimed(`${rivalReason(policy, template, detection.policy)} (and waits for its dependentOverrides ${missing})`);
  }
  const kept = detection.type === 'Keep' || detection.reason === 'ClaimRefresh';
  const preempted = detection.type === 'Claim' && detection.reason === 'Preemption' ? (detection.replaces ?? detection.claim) : undefined;
  if (ours) {
    if (kept) return { claimed: true, reason: 'already claimed by this policy' };
    if (preempted) return { claimed: true, reason: `preempted from ${describeClaim(preempted)} (preemption: Always)` };
    return { claimed: true, reason: 'the policy matches it and no other policy takes precedence' };
  }
  if (kept && policyMatchPriority(policy, template) !== ImplicitPriority.Mismatch) {
    const gateOff = policy.spec.preemption === 'Always' && !policyPreemption ? '; preemption: Always needs the PolicyPreemption feature gate, which is off' : '';
    return notClaimed(`already claimed by ${describePolicy(detection.policy)}: a claim stays with its policy${gateOff}`);
  }
  if (preempted && policyMatchPriority(policy, template) !== ImplicitPriority.Mismatch) return notClaimed(`${describePolicy(detection.policy)} preempts it (preemption: Always)`);
  return notClaimed(rivalReason(policy, template, detection.policy));
}

/** Why another policy got an unclaimed template: the previewed one does not match it, or ranks lower. */
function rivalReason(policy: AnyPropagationPolicy, template: KubeObject, winner: AnyPropagationPolicy): string {
  if (policyMatchPriority(policy, template) === ImplicitPriority.Mismatch) return mismatchReason(policy, template);
  return precedenceReason(winner, policy, template);
}

function notClaimed(reason: string): ClaimVerdict {
  return { claimed: false, reason };
}

/** Why the policy does not match the template at all. */
function mismatchReason(policy: AnyPropagationPolicy, template: KubeObject): string {
  const namespace = template.metadata.namespace ?? '';
  if (isBeingDeleted(policy)) return 'the policy is being deleted';
  if (policy.kind === 'PropagationPolicy' && namespace !== (policy.metadata.namespace ?? ''))
    return namespace
      ? `a PropagationPolicy claims templates of its own namespace (${policy.metadata.namespace ?? ''}) only`
      : 'a PropagationPolicy claims namespaced templates only: use a ClusterPropagationPolicy for cluster-scoped ones';
  if (policy.kind === 'ClusterPropagationPolicy' && isReservedNamespace(namespace)) return `namespace ${namespace} is reserved for Karmada`;
  return 'no resourceSelector of the policy matches it';
}

/** Why `winner` beats `policy` for an unclaimed template both match (Karmada's order, see bestPolicy). */
function precedenceReason(winner: AnyPropagationPolicy, policy: AnyPropagationPolicy, template: KubeObject): string {
  const who = describePolicy(winner);
  if (winner.kind !== policy.kind) return `${who} matches it too, and a PropagationPolicy always takes precedence over a ClusterPropagationPolicy`;
  const [ours, theirs] = [explicitPriority(policy), explicitPriority(winner)];
  if (theirs !== ours) return `${who} matches it with a higher priority (${theirs} > ${ours})`;
  const [ourMatch, theirMatch] = [policyMatchPriority(policy, template), policyMatchPriority(winner, template)];
  if (theirMatch !== ourMatch) return `${who} matches it more specifically (by ${matchedBy(theirMatch)} rather than by ${matchedBy(ourMatch)})`;
  return `${who} matches it as well, with the same priority, and its name sorts first`;
}

function matchedBy(priority: ImplicitPriority): string {
  switch (priority) {
    case ImplicitPriority.MatchName:
      return 'name';
    case ImplicitPriority.MatchLabelSelector:
      return 'label selector';
    case ImplicitPriority.MatchAll:
      return 'kind alone';
    case ImplicitPriority.Mismatch:
      return 'nothing';
    default:
      return assertNever(priority);
  }
}

export function samePolicy(a: AnyPropagationPolicy, b: AnyPropagationPolicy): boolean {
  return a.kind === b.kind && (a.metadata.namespace ?? '') === (b.metadata.namespace ?? '') && a.metadata.name === b.metadata.name;
}

function describePolicy(policy: AnyPropagationPolicy): string {
  return policy.kind === 'PropagationPolicy' ? `PropagationPolicy ${policy.metadata.namespace ?? ''}/${policy.metadata.name ?? ''}` : `ClusterPropagationPolicy ${policy.metadata.name ?? ''}`;
}

function describeClaim(claim: PolicyClaim): string {
  return claim.kind === 'PropagationPolicy' ? `PropagationPolicy ${claim.namespace}/${claim.name}` : `ClusterPropagationPolicy ${claim.name}`;
}
