import type { KubeObject } from '../api/object.js';
import { fieldInvalid, fieldRequired, type FieldError } from './field-error.js';
import { isQualifiedName, isValidLabelValue, validateNameByRule, type NameRule } from './names.js';

const totalAnnotationSizeLimit = 256 * 1024;

/** ObjectMeta validation every resource shares (apimachinery ValidateObjectMeta). */
export function validateObjectMeta(object: KubeObject, nameRule: NameRule): FieldError[] {
  const errors: FieldError[] = [];
  const meta = object.metadata;
  const name = meta.name ?? '';
  if (!name) errors.push(fieldRequired('metadata.name', 'name or generateName is required'));
  else for (const m of validateNameByRule(nameRule, name)) errors.push(fieldInvalid('metadata.name', name, m));
  for (const [key, value] of Object.entries(meta.labels ?? {})) {
    for (const m of isQualifiedName(key)) errors.push(fieldInvalid('metadata.labels', key, m));
    if (typeof value !== 'string') errors.push(fieldInvalid(`metadata.labels`, value, 'label values must be strings'));
    else for (const m of isValidLabelValue(value)) errors.push(fieldInvalid('metadata.labels', value, m));
  }
  let annotationSize = 0;
  for (const [key, value] of Object.entries(meta.annotations ?? {})) {
    for (const m of isQualifiedName(key.toLowerCase())) errors.push(fieldInvalid('metadata.annotations', key, m));
    annotationSize += key.length + String(value).length;
  }
  if (annotationSize > totalAnnotationSizeLimit) errors.push({ type: 'FieldValueTooLong', field: 'metadata.annotations', body: `Too long: must have at most ${totalAnnotationSizeLimit} bytes` });
  (meta.finalizers ?? []).forEach((f, i) => {
    for (const m of isQualifiedName(String(f))) errors.push(fieldInvalid(`metadata.finalizers[${i}]`, f, m));
  });
  (meta.ownerReferences ?? []).forEach((o, i) => {
    for (const field of ['apiVersion', 'kind', 'name', 'uid'] as const) if (!o[field]) errors.push(fieldRequired(`metadata.ownerReferences[${i}].${field}`));
  });
  if ((meta.ownerReferences ?? []).filter((o) => o.controller === true).length > 1)
    errors.push(fieldInvalid('metadata.ownerReferences', meta.ownerReferences, 'Only one reference can have Controller set to true'));
  return errors;
}
