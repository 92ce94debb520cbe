import { fieldInvalid, fieldRequired, type FieldError, type KubeObject } from '@karmada-ts/kube';
import type { OverrideSpec, Overriders } from '../api/policy.js';
import { validateClusterAffinity } from './cluster-affinity-validation.js';
import { jsonPointerSyntaxError } from './json-pointer-syntax.js';
import { validateAnnotations, validateLabels, validateLabelSelector } from './label-validation.js';
import type { OpenApiSchema } from './openapi-schema.js';
import { clusterOverridePolicySchema, overridePolicySchema } from './override-policy-schema.js';
import { schemaErrors } from './schema-validation.js';

/**
 * Everything the API server and Karmada's webhook refuse in an OverridePolicy, as field errors for a 422 Invalid:
 * the CRD schema first, then Karmada's ValidateOverrideSpec. Expects the object after defaultOverridePolicy.
 */
export function validateOverridePolicy(policy: KubeObject): FieldError[] {
  return validatePolicy(policy, overridePolicySchema, policy.metadata.namespace ?? '');
}

/** The same for a ClusterOverridePolicy: its resource selectors may name any namespace. */
export function validateClusterOverridePolicy(policy: KubeObject): FieldError[] {
  return validatePolicy(policy, clusterOverridePolicySchema, '');
}

function validatePolicy(policy: KubeObject, schema: OpenApiSchema, namespace: string): FieldError[] {
  const invalidBySchema = schemaErrors(schema, policy);
  return invalidBySchema.length > 0 ? invalidBySchema : validateOverrideSpec(policy['spec'] as OverrideSpec, namespace);
}

/** Karmada's emptyOverrides (it does not look at fieldOverrider). */
function hasOverriders(overriders: Overriders | undefined): boolean {
  const kinds = ['plaintext', 'imageOverrider', 'commandOverrider', 'argsOverrider', 'labelsOverrider', 'annotationsOverrider'] as const;
  return kinds.some((kind) => (overriders?.[kind] ?? []).length > 0);
}

/** Karmada's ValidateOverrideSpec (policyNamespace empty for cluster-scoped policies). */
function validateOverrideSpec(spec: OverrideSpec, policyNamespace: string): FieldError[] {
  const errors = validateClusterAffinity(spec.targetCluster, 'spec.targetCluster');
  if (spec.targetCluster !== undefined && spec.overrideRules !== undefined)
    errors.push(fieldInvalid('spec.targetCluster', spec.targetCluster, "overrideRules and targetCluster can't co-exist"));
  if (hasOverriders(spec.overriders) && spec.overrideRules !== undefined)
    errors.push(fieldInvalid('spec.overriders', spec.overriders, "overrideRules and overriders can't co-exist"));
  (spec.overrideRules ?? []).forEach((rule, i) => {
    errors.push(...validateOverriders(rule.overriders, `spec.overrideRules[${i}].overriders`));
    errors.push(...validateClusterAffinity(rule.targetCluster, `spec.overrideRules[${i}].targetCluster`));
  });
  (spec.resourceSelectors ?? []).forEach((selector, i) => {
    // The mutating webhook fills an empty namespace with the policy's, so only a different one is refused.
    if (policyNamespace && selector.namespace && selector.namespace !== policyNamespace)
      errors.push(fieldInvalid(`spec.resourceSelectors[${i}].namespace`, selector.namespace, 'namespace of resource selector must be the same as the namespace of the policy'));
    // Beyond Karmada's webhook: a selector Kubernetes cannot parse would only fail later, when matching.
    errors.push(...validateLabelSelector(selector.labelSelector, `spec.resourceSelectors[${i}].labelSelector`));
  });
  return errors;
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

/** Karmada's validateOverrideOperator: add and replace need a value, remove takes none. */
function validateOperatorValue(operator: string, value: unknown, path: string): FieldError[] {
  if ((operator === 'add' || operator === 'replace') && isAbsent(value)) return [fieldInvalid(path, null, 'value is required for add or replace operation')];
  if (operator === 'remove' && !isAbsent(value)) return [fieldInvalid(path, value, 'value is not allowed for remove operation')];
  return [];
}

function pointerErrors(pointer: string, path: string): FieldError[] {
  const problem = jsonPointerSyntaxError(pointer);
  return problem ? [fieldInvalid(path, pointer, problem)] : [];
}

/** The overriders of one rule (Karmada's ValidateOverrideRules), plus plaintext checks Karmada leaves to apply time. */
function validateOverriders(overriders: Overriders, path: string): FieldError[] {
  const errors: FieldError[] = [];
  (overriders.annotationsOverrider ?? []).forEach((o, j) => errors.push(...validateAnnotations(o.value ?? {}, `${path}.annotationsOverrider[${j}].value`)));
  (overriders.labelsOverrider ?? []).forEach((o, j) => errors.push(...validateLabels(o.value ?? {}, `${path}.labelsOverrider[${j}].value`)));
  (overriders.imageOverrider ?? []).forEach((o, j) => {
    if (o.predicate) errors.push(...pointerErrors(o.predicate.path, `${path}.imageOverrider[${j}].predicate.path`));
  });
  (overriders.fieldOverrider ?? []).forEach((o, j) => {
    const at = `${path}.fieldOverrider[${j}]`;
    const json = o.json ?? [];
    const yaml = o.yaml ?? [];
    if (json.length > 0 && yaml.length > 0) errors.push(fieldInvalid(at, o, 'FieldOverrider has both YAML and JSON set. Only one is allowed'));
    if (json.length === 0 && yaml.length === 0) errors.push(fieldRequired(at, 'FieldOverrider must have either JSON or YAML set'));
    errors.push(...pointerErrors(o.fieldPath, `${at}.fieldPath`));
    for (const [format, operations] of [['json', json], ['yaml', yaml]] as const) {
      operations.forEach((operation, k) => {
        errors.push(...pointerErrors(operation.subPath, `${at}.${format}[${k}].subPath`));
        errors.push(...validateOperatorValue(operation.operator, operation.value, `${at}.${format}[${k}].value`));
      });
    }
  });
  // Beyond Karmada's webhook: a plaintext patch with a malformed path or a missing value only fails when applied.
  (overriders.plaintext ?? []).forEach((o, j) => {
    errors.push(...pointerErrors(o.path, `${path}.plaintext[${j}].path`));
    if ((o.operator === 'add' || o.operator === 'replace') && isAbsent(o.value))
      errors.push(fieldInvalid(`${path}.plaintext[${j}].value`, null, 'value is required for add or replace operation'));
  });
  return errors;
}
