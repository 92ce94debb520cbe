import { fieldForbidden, fieldInvalid, fieldRequired, type FieldError, type KubeObject } from '@karmada-ts/kube';
import type { PropagationSpec } from '../api/policy.js';
import { KarmadaLabel } from '../api/well-known.js';
import { validateFailover } from './failover-validation.js';
import { validateLabelSelector } from './label-validation.js';
import { validatePlacement, type PlacementShape } from './placement-validation.js';
import { clusterPropagationPolicySchema, propagationPolicySchema } from './propagation-policy-schema.js';
import { schemaErrors } from './schema-validation.js';
import type { OpenApiSchema } from './openapi-schema.js';

type PropagationSpecShape = Omit<PropagationSpec, 'placement'> & { placement?: PlacementShape };

/**
 * Everything the API server and Karmada's webhook refuse in a PropagationPolicy, as field errors for a 422 Invalid:
 * the CRD schema first (when it fails, the webhook never runs), then the webhook's update rules, its permanent-id
 * label rule and ValidatePropagationSpec. Expects the object after defaultPropagationPolicy.
 */
export function validatePropagationPolicy(policy: KubeObject, old?: KubeObject): FieldError[] {
  return validatePolicy(policy, old, propagationPolicySchema, KarmadaLabel.PropagationPolicyPermanentId, policy.metadata.namespace ?? '');
}

/** The same for a ClusterPropagationPolicy: its resource selectors may name any namespace. */
export function validateClusterPropagationPolicy(policy: KubeObject, old?: KubeObject): FieldError[] {
  return validatePolicy(policy, old, clusterPropagationPolicySchema, KarmadaLabel.ClusterPropagationPolicyPermanentId, '');
}

function validatePolicy(policy: KubeObject, old: KubeObject | undefined, schema: OpenApiSchema, idLabel: string, namespace: string): FieldError[] {
  const invalidBySchema = schemaErrors(schema, policy);
  if (invalidBySchema.length > 0) return invalidBySchema;
  const spec = policy['spec'] as PropagationSpecShape;
  const labelPath = `metadata.labels[${idLabel}]`;
  const errors: FieldError[] = [];
  if (old) {
    const oldSpec = (old['spec'] ?? {}) as PropagationSpecShape;
    if ((spec.schedulerName ?? '') !== (oldSpec.schedulerName ?? '')) errors.push(fieldForbidden('spec.schedulerName', 'the schedulerName should not be updated'));
    if ((policy.metadata.labels?.[idLabel] ?? '') !== (old.metadata.labels?.[idLabel] ?? ''))
      errors.push(fieldForbidden(labelPath, `label ${idLabel} is immutable, it can only be set by the system during creation`));
  }
  if (policy.metadata.labels?.[idLabel] === undefined)
    errors.push(fieldRequired(labelPath, `label ${idLabel} is required, it should be set by the mutating admission webhook during creation`));
  errors.push(...validatePropagationSpec(spec, namespace));
  return errors;
}

/** Karmada's ValidatePropagationSpec (policyNamespace empty for cluster-scoped policies). */
function validatePropagationSpec(spec: PropagationSpecShape, policyNamespace: string): FieldError[] {
  const errors = validatePlacement(spec.placement, 'spec.placement');
  if (spec.failover?.application && !spec.propagateDeps)
    errors.push(fieldInvalid('spec.propagateDeps', spec.propagateDeps ?? false, 'application failover is set, propagateDeps must be true'));
  errors.push(...validateFailover(spec.failover, 'spec.failover'));
  // The mutating webhook fills an empty namespace with the policy's, so only a different one is refused.
  spec.resourceSelectors.forEach((selector, i) => {
    if (policyNamespace && selector.namespace && selector.namespace !== policyNamespace)
      errors.push(fieldInvalid(`spec.resourceSelectors[${i}].namespace`, selector.namespace, 'namespace of resource selector must be the same as the namespace of the policy'));
  });
  if (spec.preemption === 'Always')
    spec.resourceSelectors.forEach((selector, i) => {
      if (!selector.name)
        errors.push(fieldInvalid(`spec.resourceSelectors[${i}].name`, selector.name ?? '', 'name cannot be empty if preemption is Always, the empty name may cause unexpected resources preemption'));
    });
  const suspension = spec.suspension;
  if (suspension?.dispatching === true && (suspension.dispatchingOnClusters?.clusterNames ?? []).length > 0)
    // Karmada names the field spec.suspension.suspension (its path helper appends the child twice).
    errors.push(fieldInvalid('spec.suspension.suspension', suspension, 'suspension dispatching cannot co-exist with dispatchingOnClusters.clusterNames'));
  // Beyond Karmada's webhook: a selector Kubernetes cannot parse would only fail later, when matching.
  spec.resourceSelectors.forEach((selector, i) => errors.push(...validateLabelSelector(selector.labelSelector, `spec.resourceSelectors[${i}].labelSelector`)));
  return errors;
}
