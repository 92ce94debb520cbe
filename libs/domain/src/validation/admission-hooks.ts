import type { FieldError, HookContext, KubeObject, ResourceHooks } from '@karmada-ts/kube';
import { defaultCluster } from './cluster-defaults.js';
import { validateCluster } from './cluster-validation.js';
import { defaultClusterOverridePolicy, defaultOverridePolicy } from './override-policy-defaults.js';
import { validateClusterOverridePolicy, validateOverridePolicy } from './override-policy-validation.js';
import { defaultClusterPropagationPolicy, defaultPropagationPolicy, type PolicyAdmission } from './propagation-policy-defaults.js';
import { validateClusterPropagationPolicy, validatePropagationPolicy } from './propagation-policy-validation.js';

export interface KarmadaAdmissionOptions {
  /** A fresh uuid per created (Cluster)PropagationPolicy: Karmada's permanent-id label. */
  newPermanentId: () => string;
  /** Add Karmada's policy-controller finalizers on create (only when a controller removes them on delete). */
  addPolicyFinalizers: boolean;
}

/** Writes to the main resource only: status writes and deletions pass untouched, as with Karmada's webhooks. */
function onMainResource(ctx: HookContext): boolean {
  return ctx.subresource === undefined && ctx.operation !== 'DELETE';
}

function policyAdmission(ctx: HookContext, options: KarmadaAdmissionOptions): PolicyAdmission {
  return ctx.operation === 'CREATE' ? { operation: 'CREATE', permanentId: options.newPermanentId(), addFinalizer: options.addPolicyFinalizers } : { operation: 'UPDATE' };
}

function hooks(
  defaulter: (object: KubeObject, ctx: HookContext) => KubeObject,
  validator: (object: KubeObject, old: KubeObject | undefined) => FieldError[],
): ResourceHooks {
  return {
    default: (object, _old, ctx) => (onMainResource(ctx) ? defaulter(object, ctx) : object),
    validate: (object, old, ctx) => (onMainResource(ctx) ? validator(object, old) : []),
  };
}

/**
 * Karmada's defaulting and validation as libs/kube resource hooks, keyed like libs/kube's builtinHooks:
 * `for (const [resource, h] of karmadaAdmissionHooks(options)) service.addHooks(resource, h)`.
 */
export function karmadaAdmissionHooks(options: KarmadaAdmissionOptions): readonly [{ group: string; resource: string }, ResourceHooks][] {
  return [
    [
      { group: 'policy.karmada.io', resource: 'propagationpolicies' },
      hooks((o, ctx) => defaultPropagationPolicy(o, policyAdmission(ctx, options)), validatePropagationPolicy),
    ],
    [
      { group: 'policy.karmada.io', resource: 'clusterpropagationpolicies' },
      hooks((o, ctx) => defaultClusterPropagationPolicy(o, policyAdmission(ctx, options)), validateClusterPropagationPolicy),
    ],
    [{ group: 'policy.karmada.io', resource: 'overridepolicies' }, hooks(defaultOverridePolicy, validateOverridePolicy)],
    [{ group: 'policy.karmada.io', resource: 'clusteroverridepolicies' }, hooks(defaultClusterOverridePolicy, validateClusterOverridePolicy)],
    [
      { group: 'cluster.karmada.io', resource: 'clusters' },
      hooks((o, ctx) => defaultCluster(o, { operation: ctx.operation === 'CREATE' ? 'CREATE' : 'UPDATE', now: ctx.now }), validateCluster),
    ],
  ];
}
