import type { KubeObject } from '../api/object.js';
import { matchesLabelSelectorObject, validateLabelSelectorObject, type LabelSelectorObject } from '../selectors/label-selector.js';
import { deepEqual, isJsonObject, type JsonObject } from '../util/json.js';
import { fieldImmutable, fieldInvalid, fieldNotSupported, fieldRequired, type FieldError } from './field-error.js';

/** Checks of the built-in kinds' specs that clients are known to hit (apps/batch/core validation). */
function obj(value: unknown): JsonObject {
  return isJsonObject(value) ? value : {};
}

export function validatePodSpec(podSpec: unknown, path: string): FieldError[] {
  const spec = obj(podSpec);
  const errors: FieldError[] = [];
  const containers = Array.isArray(spec['containers']) ? spec['containers'] : [];
  if (containers.length === 0) errors.push(fieldRequired(`${path}.containers`));
  const seen = new Set<string>();
  containers.forEach((c, i) => {
    const container = obj(c);
    const name = container['name'];
    if (typeof name !== 'string' || name === '') errors.push(fieldRequired(`${path}.containers[${i}].name`));
    else if (seen.has(name)) errors.push({ type: 'FieldValueDuplicate', field: `${path}.containers[${i}].name`, body: `Duplicate value: ${JSON.stringify(name)}` });
    else seen.add(name);
    if (typeof container['image'] !== 'string' || container['image'] === '') errors.push(fieldRequired(`${path}.containers[${i}].image`));
  });
  const restartPolicy = spec['restartPolicy'];
  if (restartPolicy !== undefined && !['Always', 'OnFailure', 'Never'].includes(String(restartPolicy)))
    errors.push(fieldNotSupported(`${path}.restartPolicy`, restartPolicy, ['Always', 'OnFailure', 'Never']));
  return errors;
}

/** Deployment, ReplicaSet, StatefulSet, DaemonSet: selector required, matching the template, immutable. */
export function validateWorkload(object: KubeObject, old: KubeObject | undefined, options: { replicas: boolean }): FieldError[] {
  const spec = obj(object['spec']);
  const errors: FieldError[] = [];
  const selector = spec['selector'];
  const template = obj(spec['template']);
  const templateLabels = obj(obj(template['metadata'])['labels']) as Record<string, string>;
  if (!isJsonObject(selector)) errors.push(fieldRequired('spec.selector'));
  else {
    const selectorErrors = validateLabelSelectorObject(selector as LabelSelectorObject, 'spec.selector');
    errors.push(...selectorErrors);
    if (Object.keys(selector).length === 0 || (Object.keys(obj(selector['matchLabels'])).length === 0 && !Array.isArray(selector['matchExpressions'])))
      errors.push(fieldInvalid('spec.selector', selector, 'empty selector is invalid for deployment'));
    else if (selectorErrors.length === 0 && !matchesLabelSelectorObject(selector as LabelSelectorObject, templateLabels))
      errors.push(fieldInvalid('spec.template.metadata.labels', templateLabels, '`selector` does not match template `labels`'));
  }
  if (options.replicas && spec['replicas'] !== undefined && (typeof spec['replicas'] !== 'number' || spec['replicas'] < 0 || !Number.isInteger(spec['replicas'])))
    errors.push(fieldInvalid('spec.replicas', spec['replicas'], 'must be greater than or equal to 0'));
  errors.push(...validatePodSpec(template['spec'], 'spec.template.spec'));
  if (old && !deepEqual(obj(old['spec'])['selector'], selector)) errors.push(fieldImmutable('spec.selector', selector));
  return errors;
}

export function validateJob(object: KubeObject, old: KubeObject | undefined): FieldError[] {
  const spec = obj(object['spec']);
  const errors = validatePodSpec(obj(spec['template'])['spec'], 'spec.template.spec');
  const restartPolicy = obj(obj(spec['template'])['spec'])['restartPolicy'];
  if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') errors.push(fieldNotSupported('spec.template.spec.restartPolicy', restartPolicy ?? '', ['OnFailure', 'Never']));
  for (const field of ['parallelism', 'completions'] as const) {
    const value = spec[field];
    if (value !== undefined && (typeof value !== 'number' || value < 0)) errors.push(fieldInvalid(`spec.${field}`, value, 'must be greater than or equal to 0'));
  }
  if (old && !deepEqual(obj(old['spec'])['template'], spec['template'])) errors.push(fieldImmutable('spec.template', spec['template']));
  return errors;
}

export function validatePod(object: KubeObject): FieldError[] {
  return validatePodSpec(object['spec'], 'spec');
}

const serviceTypes = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];

export function validateService(object: KubeObject): FieldError[] {
  const spec = obj(object['spec']);
  const errors: FieldError[] = [];
  const type = spec['type'] ?? 'ClusterIP';
  if (!serviceTypes.includes(String(type))) errors.push(fieldNotSupported('spec.type', type, serviceTypes));
  const ports = Array.isArray(spec['ports']) ? spec['ports'] : [];
  if (ports.length === 0 && type !== 'ExternalName' && spec['clusterIP'] !== 'None') errors.push(fieldRequired('spec.ports'));
  ports.forEach((p, i) => {
    const port = obj(p)['port'];
    if (typeof port !== 'number' || port < 1 || port > 65535) errors.push(fieldInvalid(`spec.ports[${i}].port`, port ?? 0, 'must be between 1 and 65535, inclusive'));
  });
  return errors;
}
