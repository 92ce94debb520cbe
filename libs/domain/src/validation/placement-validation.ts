import { fieldInvalid, fieldNotSupported, isQualifiedName, type FieldError } from '@karmada-ts/kube';
import type { Placement, ReplicaSchedulingStrategy } from '../api/policy.js';
import type { Toleration } from '../api/meta.js';
import { validateClusterAffinities, validateClusterAffinity, type AffinityTerm } from './cluster-affinity-validation.js';
import { validateSpreadConstraints } from './spread-constraints-validation.js';

/** A placement as the CRD has it (overflow tiers named, workload affinity typed). */
export interface PlacementShape extends Omit<Placement, 'clusterAffinities' | 'workloadAffinity'> {
  clusterAffinities?: AffinityTerm[];
  workloadAffinity?: { affinity?: { groupByLabelKey: string }; antiAffinity?: { groupByLabelKey: string } };
}

/** Karmada's IsOverflowSchedulingAllowed: Divided with Aggregated, or Weighted by dynamic weight. */
function isOverflowSchedulingAllowed(strategy: ReplicaSchedulingStrategy | undefined): boolean {
  if (strategy?.replicaSchedulingType !== 'Divided') return false;
  if (strategy.replicaDivisionPreference === 'Aggregated') return true;
  return strategy.replicaDivisionPreference === 'Weighted' && !!strategy.weightPreference?.dynamicWeight;
}

const tolerationOperators = ['', 'Exists', 'Equal'];
const tolerationEffects = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/**
 * Karmada refuses the Lt and Gt operators on cluster tolerations (message listing "", Exists, Equal). Any other
 * unknown operator or effect can never match a cluster taint, so it is refused the same way (beyond Karmada, which
 * accepts it and never matches). Kubernetes' other toleration rules are NOT applied: Karmada's own sample
 * (artifacts/example/propagationpolicy_taintToleration.yaml: effect only, no key, no operator) breaks them.
 */
function validateClusterTolerations(tolerations: readonly Toleration[] | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  (tolerations ?? []).forEach((toleration, i) => {
    const operator: string = toleration.operator ?? '';
    const effect: string = toleration.effect ?? '';
    if (!tolerationOperators.includes(operator)) errors.push(fieldNotSupported(`${path}[${i}].operator`, operator, tolerationOperators));
    if (effect !== '' && !tolerationEffects.includes(effect)) errors.push(fieldNotSupported(`${path}[${i}].effect`, effect, tolerationEffects));
  });
  return errors;
}

/** Karmada's ValidateWorkloadAffinity: group keys are label keys, and affinity and anti-affinity differ. */
function validateWorkloadAffinity(workloadAffinity: PlacementShape['workloadAffinity'], path: string): FieldError[] {
  if (!workloadAffinity) return [];
  const errors: FieldError[] = [];
  for (const term of ['affinity', 'antiAffinity'] as const) {
    const key = workloadAffinity[term]?.groupByLabelKey;
    if (key !== undefined) for (const m of isQualifiedName(key)) errors.push(fieldInvalid(`${path}.${term}.groupByLabelKey`, key, m));
  }
  if (workloadAffinity.affinity && workloadAffinity.antiAffinity && workloadAffinity.affinity.groupByLabelKey === workloadAffinity.antiAffinity.groupByLabelKey)
    errors.push(fieldInvalid(path, workloadAffinity, 'affinity and antiAffinity must not use the same groupByLabelKey'));
  return errors;
}

/** Karmada's ValidatePlacement; static weight targets get the same affinity checks (beyond Karmada, which skips them). */
export function validatePlacement(placement: PlacementShape | undefined, path: string): FieldError[] {
  if (!placement) return [];
  const errors: FieldError[] = [];
  if (placement.clusterAffinity !== undefined && placement.clusterAffinities !== undefined)
    errors.push(fieldInvalid(path, placement, 'clusterAffinities cannot co-exist with clusterAffinity'));
  const overflowAllowed = isOverflowSchedulingAllowed(placement.replicaScheduling);
  (placement.clusterAffinities ?? []).forEach((term, i) => {
    if (term.overflowAffinities !== undefined && !overflowAllowed)
      errors.push(
        fieldInvalid(`${path}.clusterAffinities[${i}].overflowAffinities`, term.overflowAffinities, 'overflowAffinities can only be used together with dynamic weight or aggregated scheduling'),
      );
  });
  errors.push(...validateClusterAffinity(placement.clusterAffinity, `${path}.clusterAffinity`));
  errors.push(...validateClusterAffinities(placement.clusterAffinities, `${path}.clusterAffinities`));
  errors.push(...validateSpreadConstraints(placement.spreadConstraints, `${path}.spreadConstraints`));
  errors.push(...validateWorkloadAffinity(placement.workloadAffinity, `${path}.workloadAffinity`));
  errors.push(...validateClusterTolerations(placement.clusterTolerations, `${path}.clusterTolerations`));
  (placement.replicaScheduling?.weightPreference?.staticWeightList ?? []).forEach((weight, i) => {
    errors.push(...validateClusterAffinity(weight.targetCluster, `${path}.replicaScheduling.weightPreference.staticWeightList[${i}].targetCluster`));
  });
  return errors;
}
