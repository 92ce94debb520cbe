import type { AnyPropagationPolicy } from '../api/policy.js';
import { explicitPriority } from './best-policy.js';

/**
 * Whether `preemptor` may take a template away from the policy that claims it (Karmada's PolicyPreemption, an alpha
 * feature gate). Only a policy with `preemption: Always` preempts: a PropagationPolicy preempts a lower-priority
 * PropagationPolicy and any ClusterPropagationPolicy whatever its priority; a ClusterPropagationPolicy preempts only a
 * lower-priority ClusterPropagationPolicy, never a PropagationPolicy.
 */
export function canPreempt(preemptor: AnyPropagationPolicy, claimant: AnyPropagationPolicy): boolean {
  if (preemptor.spec.preemption !== 'Always') return false;
  if (preemptor.kind === 'PropagationPolicy' && claimant.kind === 'ClusterPropagationPolicy') return true;
  if (preemptor.kind !== claimant.kind) return false;
  return explicitPriority(preemptor) > explicitPriority(claimant);
}
