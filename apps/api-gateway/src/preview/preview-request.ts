import { isJsonObject, KubeStatusError, type JsonObject, type StatusCause } from '@karmada-ts/kube';

/** The body of `POST /preview`: a policy and, optionally, the templates to weigh instead of the existing ones. */
export interface PreviewRequest {
  readonly policy: JsonObject;
  /** Undefined: preview against the templates that exist. */
  readonly templates?: readonly JsonObject[];
}

const policyKinds = ['PropagationPolicy', 'ClusterPropagationPolicy'];
const policyApiVersion = 'policy.karmada.io/v1alpha1';

/**
 * Checks the shape of a preview body: `{ policy: <(Cluster)PropagationPolicy>, templates?: [<objects>] }`. Every
 * problem found is a cause of one 400 BadRequest; the policy's and templates' content is validated afterwards by the
 * API's own admission (422).
 */
export function parsePreviewRequest(body: unknown): PreviewRequest {
  if (!isJsonObject(body)) throw badPreviewRequest([{ field: '', message: 'the body must be an object: { policy: <PropagationPolicy or ClusterPropagationPolicy>, templates?: [<objects>] }' }]);
  const causes: { field: string; message: string }[] = [];
  for (const key of Object.keys(body)) if (key !== 'policy' && key !== 'templates') causes.push({ field: key, message: 'unknown field: only policy and templates are accepted' });
  const policy = body['policy'];
  if (!isJsonObject(policy)) causes.push({ field: 'policy', message: 'a PropagationPolicy or ClusterPropagationPolicy object is required' });
  else {
    if (policy['apiVersion'] !== policyApiVersion) causes.push({ field: 'policy.apiVersion', message: `must be ${policyApiVersion}` });
    if (typeof policy['kind'] !== 'string' || !policyKinds.includes(policy['kind'])) causes.push({ field: 'policy.kind', message: `must be one of ${policyKinds.join(', ')}` });
  }
  const templates = body['templates'];
  if (templates !== undefined && !Array.isArray(templates)) causes.push({ field: 'templates', message: 'must be a list of objects' });
  if (Array.isArray(templates)) templates.forEach((template, i) => causes.push(...templateProblems(template, `templates[${i}]`)));
  if (causes.length > 0) throw badPreviewRequest(causes);
  return { policy: policy as JsonObject, ...(Array.isArray(templates) ? { templates: templates as JsonObject[] } : {}) };
}

function templateProblems(template: unknown, field: string): { field: string; message: string }[] {
  if (!isJsonObject(template)) return [{ field, message: 'must be an object' }];
  const problems: { field: string; message: string }[] = [];
  if (typeof template['apiVersion'] !== 'string' || template['apiVersion'] === '') problems.push({ field: `${field}.apiVersion`, message: 'required' });
  if (typeof template['kind'] !== 'string' || template['kind'] === '') problems.push({ field: `${field}.kind`, message: 'required' });
  const metadata = template['metadata'];
  if (!isJsonObject(metadata) || typeof metadata['name'] !== 'string' || metadata['name'] === '') problems.push({ field: `${field}.metadata.name`, message: 'required' });
  return problems;
}

/** 400 BadRequest naming every problem, each also a cause with its field. */
export function badPreviewRequest(problems: readonly { field: string; message: string }[]): KubeStatusError {
  const causes: StatusCause[] = problems.map(({ field, message }) => ({ reason: 'FieldValueInvalid', message, ...(field ? { field } : {}) }));
  const message = `invalid preview request: ${problems.map(({ field, message }) => (field ? `${field}: ${message}` : message)).join('; ')}`;
  return new KubeStatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'BadRequest', details: { causes }, code: 400 });
}
