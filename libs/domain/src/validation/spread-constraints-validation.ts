import { fieldInvalid, type FieldError } from '@karmada-ts/kube';
import type { SpreadConstraint } from '../api/policy.js';

/**
 * Karmada's ValidateSpreadConstraint: field and label are exclusive, group bounds are sane, each spreadByField is
 * used once (one error per repeated field), and any spreadByField needs a `cluster` constraint beside it.
 */
export function validateSpreadConstraints(constraints: readonly SpreadConstraint[] | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const fields = new Map<string, { reported: boolean }>();
  (constraints ?? []).forEach((constraint, i) => {
    const at = `${path}[${i}]`;
    const minGroups = constraint.minGroups ?? 0;
    const maxGroups = constraint.maxGroups ?? 0;
    if (constraint.spreadByField && constraint.spreadByLabel) errors.push(fieldInvalid(at, constraint, 'spreadByLabel should not co-exist with spreadByField'));
    if (minGroups < 0) errors.push(fieldInvalid(at, constraint, 'minGroups lower than 0 is not allowed'));
    if (maxGroups < 0) errors.push(fieldInvalid(at, constraint, 'maxGroups lower than 0 is not allowed'));
    if (maxGroups > 0 && maxGroups < minGroups) errors.push(fieldInvalid(at, constraint, 'maxGroups lower than minGroups is not allowed'));
    if (!constraint.spreadByField) return;
    const seen = fields.get(constraint.spreadByField);
    if (!seen) fields.set(constraint.spreadByField, { reported: false });
    else if (!seen.reported) {
      errors.push(fieldInvalid(path, constraints, `multiple ${constraint.spreadByField} spread constraints are not allowed`));
      seen.reported = true;
    }
  });
  if (fields.size > 0 && !fields.has('cluster'))
    errors.push(fieldInvalid(path, constraints, 'the cluster spread constraint must be enabled in one of the constraints in case of SpreadByField is enabled'));
  return errors;
}
