import type { Condition } from '../api/meta.js';
import { findCondition, type ConditionUpdate } from './conditions.js';

/**
 * Beyond Karmada, which only records an event (ApplyOverridePolicyFailed) on the template: a binding condition saying
 * whether the override policies could be applied for every target cluster, so `kubectl get rb -o yaml` shows which
 * policy and rule broke which cluster's Work (that Work is then left as it was).
 */
export const OverridePolicyAppliedCondition = {
  type: 'OverridePolicyApplied',
  /** Karmada's event reasons. */
  failedReason: 'ApplyOverridePolicyFailed',
  succeededReason: 'ApplyOverridePolicySucceed',
  succeededMessage: 'Override policies applied for every target cluster',
} as const;

/** An override that could not be applied when rendering the Work for one cluster. */
export interface ClusterOverrideFailure {
  readonly cluster: string;
  /** The failing policy, rule, overrider and reason (OverrideError.summary). */
  readonly summary: string;
}

/**
 * The OverridePolicyApplied condition to record after rendering a binding's Works: False with every failure (by
 * cluster name) when any override failed; True once a recorded failure is gone; undefined (nothing to record) while
 * no failure was ever recorded, so bindings whose overrides always applied look exactly like Karmada's.
 */
export function overridePolicyAppliedCondition(
  conditions: readonly Condition[] | undefined,
  failures: readonly ClusterOverrideFailure[],
): ConditionUpdate | undefined {
  const { type, failedReason, succeededReason, succeededMessage } = OverridePolicyAppliedCondition;
  if (failures.length > 0) {
    const sorted = [...failures].sort((a, b) => (a.cluster < b.cluster ? -1 : a.cluster > b.cluster ? 1 : 0));
    return { type, status: 'False', reason: failedReason, message: sorted.map((f) => `${f.cluster}: ${f.summary}`).join('; ') };
  }
  return findCondition(conditions, type) ? { type, status: 'True', reason: succeededReason, message: succeededMessage } : undefined;
}
