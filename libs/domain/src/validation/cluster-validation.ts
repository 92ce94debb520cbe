import { fieldInvalid, fieldNotSupported, fieldRequired, formatFieldValue, isDns1123Label, isValidLabelValue, type FieldError, type KubeObject } from '@karmada-ts/kube';
import type { ClusterSpec, LocalSecretReference } from '../api/cluster.js';
import type { Taint } from '../api/meta.js';
import { clusterSchema } from './cluster-schema.js';
import { validateResourceModels, type ResourceModelShape } from './cluster-resource-models.js';
import { parseGoUrl } from './go-url.js';
import { validateLabelName } from './label-validation.js';
import { schemaErrors } from './schema-validation.js';

/**
 * Karmada's aggregated API server validation of a Cluster (pkg/apis/cluster/validation): the name, then
 * ValidateClusterSpec, with its paths and messages (including its `spec.Zone` / `spec.Zones` capitals).
 * Members of the wrong JSON type are reported first (the real server fails to decode them). Create and update
 * validate the same; ObjectMeta update rules are libs/kube's.
 */
export function validateCluster(cluster: KubeObject): FieldError[] {
  const decodeErrors = schemaErrors(clusterSchema, cluster);
  if (decodeErrors.length > 0) return decodeErrors;
  const name = cluster.metadata.name ?? '';
  // An empty name is ObjectMeta validation's `Required value`; Karmada's name rule only sees non-empty names.
  const nameErrors = name === '' ? [] : validateClusterName(name).map((m) => fieldInvalid('metadata.name', name, m));
  return [...nameErrors, ...validateClusterSpec((cluster['spec'] ?? {}) as ClusterSpecShape)];
}

const clusterNameMaxLength = 48;

/** Karmada's ValidateClusterName: a DNS-1123 label of at most 48 characters (room for the `karmada-es-` prefix). */
export function validateClusterName(name: string): string[] {
  if (name.length === 0) return ['must be not empty'];
  if (name.length > clusterNameMaxLength) return [`must be no more than ${clusterNameMaxLength} characters`];
  return isDns1123Label(name);
}

type ClusterSpecShape = Partial<Omit<ClusterSpec, 'resourceModels' | 'secretRef' | 'impersonatorSecretRef'>> & {
  secretRef?: Partial<LocalSecretReference>;
  impersonatorSecretRef?: Partial<LocalSecretReference>;
  resourceModels?: ResourceModelShape[];
};

const syncModes = ['Pull', 'Push'];

function validateClusterSpec(spec: ClusterSpecShape): FieldError[] {
  const errors: FieldError[] = [];
  const syncMode = spec.syncMode ?? '';
  if (syncMode === '') errors.push(fieldRequired('spec.syncMode'));
  if (!syncModes.includes(syncMode)) errors.push(fieldNotSupported('spec.syncMode', syncMode, syncModes));
  if (spec.apiEndpoint) errors.push(...validateApiEndpoint(spec.apiEndpoint, 'spec.apiEndpoint'));
  for (const ref of ['secretRef', 'impersonatorSecretRef'] as const) {
    const value = spec[ref];
    if (!value) continue;
    if (!value.namespace) errors.push(fieldRequired(`spec.${ref}.namespace`));
    if (!value.name) errors.push(fieldRequired(`spec.${ref}.name`));
  }
  if (spec.proxyURL) errors.push(...validateProxyUrl(spec.proxyURL, 'spec.proxyURL'));
  errors.push(...validateLocality(spec));
  errors.push(...validateClusterTaints(spec.taints ?? [], 'spec.taints'));
  if ((spec.resourceModels ?? []).length > 0) errors.push(...validateResourceModels(spec.resourceModels!, 'spec.resourceModels'));
  return errors;
}

const endpointForm = '; desired format: hostname, hostname:port, IP or IP:port';

/** Karmada's ValidateClusterAPIEndpoint: a URL Go can parse, with a host and no user, fragment or query. */
function validateApiEndpoint(endpoint: string, path: string): FieldError[] {
  const parsed = parseGoUrl(endpoint);
  if (!parsed.ok) return [fieldInvalid(path, endpoint, `apiEndpoint must be a valid URL: ${parsed.error}${endpointForm}`)];
  const { url } = parsed;
  const errors: FieldError[] = [];
  if (url.host === '') errors.push(fieldInvalid(path, url.host, `host must be provided${endpointForm}`));
  if (url.user !== undefined) errors.push(fieldInvalid(path, url.user, 'user information is not permitted in the URL'));
  if (url.fragment !== '') errors.push(fieldInvalid(path, url.fragment, 'fragments are not permitted in the URL'));
  if (url.rawQuery !== '') errors.push(fieldInvalid(path, url.rawQuery, 'query parameters are not permitted in the URL'));
  return errors;
}

const proxySchemes = ['http', 'https', 'socks5'];

/** Karmada's ValidateClusterProxyURL (its parse error says "apiEndpoint", as Karmada's does). */
function validateProxyUrl(proxyUrl: string, path: string): FieldError[] {
  const parsed = parseGoUrl(proxyUrl);
  if (!parsed.ok) return [fieldInvalid(path, proxyUrl, `apiEndpoint must be a valid URL: ${parsed.error}`)];
  if (!proxySchemes.includes(parsed.url.scheme))
    return [fieldInvalid(path, proxyUrl, `unsupported scheme ${JSON.stringify(parsed.url.scheme)}, must be http, https, or socks5`)];
  return [];
}

/** Karmada's validateClusterSpecForFieldSelector: provider, region and zones are label values. */
function validateLocality(spec: ClusterSpecShape): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of ['provider', 'region'] as const) {
    const value = spec[field] ?? '';
    const problems = isValidLabelValue(value);
    if (problems.length > 0) errors.push(fieldInvalid(`spec.${field}`, value, problems.join('; ')));
  }
  const zones = spec.zones ?? [];
  if (spec.zone && zones.length > 0) {
    errors.push({ type: 'FieldValueTypeInvalid', field: 'spec.spec', body: `Invalid value: ${formatFieldValue(spec)}: Zone and Zones cannot co-exist` });
    return errors;
  }
  const zoneValues = spec.zone ? [{ path: 'spec.Zone', value: spec.zone }] : zones.map((value) => ({ path: 'spec.Zones', value }));
  for (const { path, value } of zoneValues) {
    const problems = isValidLabelValue(value);
    if (problems.length > 0) errors.push(fieldInvalid(path, value, problems.join('; ')));
  }
  return errors;
}

const clusterTaintEffects = ['NoSchedule', 'NoExecute'];

/** Karmada's ValidateClusterTaints (lifted from Kubernetes' node taints; PreferNoSchedule is not allowed). */
function validateClusterTaints(taints: readonly Partial<Taint>[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  taints.forEach((taint, i) => {
    const at = `${path}[${i}]`;
    const key = taint.key ?? '';
    const effect: string = taint.effect ?? '';
    errors.push(...validateLabelName(key, `${at}.key`));
    const valueProblems = isValidLabelValue(taint.value ?? '');
    if (valueProblems.length > 0) errors.push(fieldInvalid(`${at}.value`, taint.value ?? '', valueProblems.join(';')));
    if (effect === '') errors.push(fieldRequired(`${at}.effect`));
    else if (!clusterTaintEffects.includes(effect)) errors.push(fieldNotSupported(`${at}.effect`, effect, clusterTaintEffects));
    const identity = JSON.stringify([key, effect]);
    if (seen.has(identity))
      errors.push({ type: 'FieldValueDuplicate', field: at, body: `Duplicate value: ${formatFieldValue(taint)}: taints must be unique by key and effect pair` });
    else seen.add(identity);
  });
  return errors;
}
