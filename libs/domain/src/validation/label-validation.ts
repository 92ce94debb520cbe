import { fieldForbidden, fieldInvalid, fieldRequired, fieldTooLong, isJsonObject, isQualifiedName, isValidLabelValue, type FieldError } from '@karmada-ts/kube';

/**
 * Kubernetes' label, annotation and label-selector validation (apimachinery metav1validation.ValidateLabelSelector,
 * ValidateLabels, ValidateLabelName, apivalidation.ValidateAnnotations) with its paths and messages.
 */
export function validateLabelName(name: string, path: string): FieldError[] {
  return isQualifiedName(name).map((m) => fieldInvalid(path, name, m));
}

export function validateLabels(labels: Readonly<Record<string, string>>, path: string): FieldError[] {
  return Object.entries(labels).flatMap(([key, value]) => [...validateLabelName(key, path), ...isValidLabelValue(value).map((m) => fieldInvalid(path, value, m))]);
}

const totalAnnotationSizeLimit = 256 * 1024;

export function validateAnnotations(annotations: Readonly<Record<string, string>>, path: string): FieldError[] {
  // Annotation keys are qualified names in any letter case.
  const errors = Object.keys(annotations).flatMap((key) => isQualifiedName(key.toLowerCase()).map((m) => fieldInvalid(path, key, m)));
  const size = Object.entries(annotations).reduce((total, [key, value]) => total + key.length + value.length, 0);
  if (size > totalAnnotationSizeLimit) errors.push(fieldTooLong(path, totalAnnotationSizeLimit));
  return errors;
}

/** A metav1.LabelSelector that already passed schema validation (or anything else, which yields no errors). */
export function validateLabelSelector(selector: unknown, path: string): FieldError[] {
  if (!isJsonObject(selector)) return [];
  const errors = isJsonObject(selector['matchLabels']) ? validateLabels(selector['matchLabels'] as Record<string, string>, `${path}.matchLabels`) : [];
  const expressions = Array.isArray(selector['matchExpressions']) ? selector['matchExpressions'] : [];
  expressions.forEach((expression, i) => {
    if (isJsonObject(expression)) errors.push(...validateRequirement(expression, `${path}.matchExpressions[${i}]`));
  });
  return errors;
}

function validateRequirement(requirement: Record<string, unknown>, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const operator = requirement['operator'];
  const values = Array.isArray(requirement['values']) ? (requirement['values'] as string[]) : [];
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errors.push(fieldRequired(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errors.push(fieldForbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      errors.push(fieldInvalid(`${path}.operator`, operator, 'not a valid selector operator'));
  }
  errors.push(...validateLabelName(String(requirement['key'] ?? ''), `${path}.key`));
  values.forEach((value, i) => errors.push(...isValidLabelValue(value).map((m) => fieldInvalid(`${path}.values[${i}]`, value, m))));
  return errors;
}
