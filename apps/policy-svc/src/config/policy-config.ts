import { booleanSetting, type RuntimeConfig } from '@karmada-ts/service-runtime';
import type { DetectOptions } from '@karmada-ts/domain';

/** policy-svc's own settings (README: POLICY_PREEMPTION_ENABLED). */
export interface PolicyConfig {
  readonly detect: DetectOptions;
}

export const POLICY_CONFIG = Symbol('POLICY_CONFIG');

/**
 * POLICY_PREEMPTION_ENABLED: Karmada's PolicyPreemption feature gate, "false" by default as there. When "true", a
 * policy with `preemption: Always` takes templates from lower-priority claimants instead of leaving claims sticky.
 */
export function loadPolicyConfig(runtime: Pick<RuntimeConfig, 'env'>): PolicyConfig {
  return { detect: { policyPreemption: booleanSetting(runtime.env, 'POLICY_PREEMPTION_ENABLED', false) } };
}
