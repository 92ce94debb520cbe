import { fieldInvalid, type FieldError } from '@karmada-ts/kube';
import type { FailoverBehavior, StatePreservation } from '../api/policy.js';
import { validateLabelName } from './label-validation.js';

/**
 * Karmada's ValidateFailover, on a spec already defaulted by the CRD (decisionConditions.tolerationSeconds 300,
 * purgeMode Gracefully) and the mutating webhook (gracePeriodSeconds 600 when Gracefully).
 */
export function validateFailover(failover: FailoverBehavior | undefined, path: string): FieldError[] {
  if (!failover) return [];
  return [
    ...validateApplicationFailover(failover.application, `${path}.application`),
    ...validateStatePreservation(failover.cluster?.statePreservation, `${path}.cluster.statePreservation`),
  ];
}

function validateApplicationFailover(application: FailoverBehavior['application'], path: string): FieldError[] {
  if (!application) return [];
  const errors: FieldError[] = [];
  const tolerationSeconds = application.decisionConditions?.tolerationSeconds;
  if (tolerationSeconds !== undefined && tolerationSeconds < 0)
    errors.push(fieldInvalid(`${path}.decisionConditions.tolerationSeconds`, tolerationSeconds, 'must be greater than or equal to 0'));
  const grace = application.gracePeriodSeconds;
  if (application.purgeMode !== 'Gracefully' && grace !== undefined)
    errors.push(fieldInvalid(`${path}.gracePeriodSeconds`, grace, 'only takes effect when purgeMode is gracefully'));
  // Go prints the nil *int32 as the string "null".
  if (application.purgeMode === 'Gracefully' && grace === undefined)
    errors.push(fieldInvalid(`${path}.gracePeriodSeconds`, 'null', 'should not be empty when purgeMode is gracefully'));
  if (grace !== undefined && grace <= 0) errors.push(fieldInvalid(`${path}.gracePeriodSeconds`, grace, 'must be greater than 0'));
  errors.push(...validateStatePreservation(application.statePreservation, `${path}.statePreservation`));
  return errors;
}

function validateStatePreservation(preservation: StatePreservation | undefined, path: string): FieldError[] {
  return (preservation?.rules ?? []).flatMap((rule, i) => validateLabelName(rule.aliasLabelName, `${path}.rules[${i}].aliasLabelName`));
}
