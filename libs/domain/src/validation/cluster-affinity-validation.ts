import { fieldInvalid, isQualifiedName, type FieldError } from '@karmada-ts/kube';
import type { ClusterAffinity } from '../api/policy.js';
import { validateLabelSelector } from './label-validation.js';

/** A ClusterAffinityTerm as the CRD has it: overflow tiers carry their own affinityName. */
export interface AffinityTerm extends ClusterAffinity {
  affinityName: string;
  overflowAffinities?: (ClusterAffinity & { affinityName: string })[];
}

const fieldSelectorKeys = ['provider', 'region', 'zone'];

/** Karmada's ValidatePolicyFieldSelector: the first bad expression, as one message. */
function fieldSelectorProblem(affinity: ClusterAffinity): string | undefined {
  for (const expression of affinity.fieldSelector?.matchExpressions ?? []) {
    if (!fieldSelectorKeys.includes(expression.key)) return `unsupported key ${JSON.stringify(expression.key)}, must be provider, region, or zone`;
    if (expression.operator !== 'In' && expression.operator !== 'NotIn') return `unsupported operator ${JSON.stringify(expression.operator)}, must be In or NotIn`;
  }
  return undefined;
}

/**
 * Karmada's ValidateClusterAffinity (fieldSelector keys provider/region/zone, operators In/NotIn), plus Kubernetes'
 * label selector rules on labelSelector: Karmada's webhook leaves those to fail later, when the selector is used.
 */
export function validateClusterAffinity(affinity: ClusterAffinity | undefined, path: string): FieldError[] {
  if (!affinity) return [];
  const errors: FieldError[] = [];
  const problem = fieldSelectorProblem(affinity);
  if (problem) errors.push(fieldInvalid(`${path}.fieldSelector`, affinity.fieldSelector, problem));
  errors.push(...validateLabelSelector(affinity.labelSelector, `${path}.labelSelector`));
  return errors;
}

/** Karmada's emptyClusterAffinity: no selection criteria at all. */
function isEmptyAffinity(affinity: ClusterAffinity): boolean {
  return !affinity.labelSelector && !affinity.fieldSelector && (affinity.clusterNames ?? []).length === 0 && (affinity.exclude ?? []).length === 0;
}

/** Karmada's ValidateClusterAffinities: names are label keys and unique, each term a valid affinity. */
export function validateClusterAffinities(terms: readonly AffinityTerm[] | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  (terms ?? []).forEach((term, i) => {
    // Karmada reports a bad name on the term itself, not on its affinityName member.
    for (const m of isQualifiedName(term.affinityName)) errors.push(fieldInvalid(`${path}[${i}]`, term.affinityName, m));
    if (seen.has(term.affinityName)) errors.push(fieldInvalid(path, terms, 'each affinity term in a policy must have a unique name'));
    else seen.add(term.affinityName);
    errors.push(...validateClusterAffinity(term, `${path}[${i}]`));
    errors.push(...validateOverflowAffinities(term, `${path}[${i}]`));
  });
  return errors;
}

function validateOverflowAffinities(term: AffinityTerm, path: string): FieldError[] {
  if (term.overflowAffinities === undefined) return [];
  const errors: FieldError[] = [];
  if (isEmptyAffinity(term))
    errors.push(fieldInvalid(`${path}.overflowAffinities`, term.overflowAffinities, 'overflowAffinities can only be used together with the inline ClusterAffinity'));
  const names = new Set([term.affinityName]);
  term.overflowAffinities.forEach((overflow, i) => {
    const at = `${path}.overflowAffinities[${i}]`;
    for (const m of isQualifiedName(overflow.affinityName)) errors.push(fieldInvalid(`${at}.affinityName`, overflow.affinityName, m));
    if (names.has(overflow.affinityName))
      errors.push(fieldInvalid(`${at}.affinityName`, overflow.affinityName, "overflow affinity name must be unique and must not duplicate the primary group's affinityName"));
    else names.add(overflow.affinityName);
    errors.push(...validateClusterAffinity(overflow, at));
  });
  return errors;
}
