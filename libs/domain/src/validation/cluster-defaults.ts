import { cloneJson, formatTimestamp, isJsonObject, isValidLabelValue, type KubeObject } from '@karmada-ts/kube';
import { defaultResourceModels, standardizeResourceModels, type ResourceModelShape } from './cluster-resource-models.js';

export interface ClusterAdmission {
  operation: 'CREATE' | 'UPDATE';
  /** The request time: NoExecute taints without timeAdded get it. */
  now: Date;
}

/**
 * A Cluster as Karmada's aggregated API server stores it (registry strategy PrepareForCreate/PrepareForUpdate and
 * Canonicalize): default resource models on create when none are given, user models normalized, NoExecute taints
 * stamped with timeAdded, and the deprecated `zone` moved into `zones`.
 */
export function defaultCluster(cluster: KubeObject, admission: ClusterAdmission): KubeObject {
  const out = cloneJson(cluster);
  const spec = out['spec'];
  if (!isJsonObject(spec)) return out;
  const models = spec['resourceModels'];
  const hasModels = Array.isArray(models) && models.length > 0;
  if (hasModels && models.every((m) => isJsonObject(m) && typeof m['grade'] === 'number' && (m['ranges'] === undefined || Array.isArray(m['ranges']))))
    spec['resourceModels'] = standardizeResourceModels(models as ResourceModelShape[]);
  else if (!hasModels && admission.operation === 'CREATE') spec['resourceModels'] = defaultResourceModels();
  const taints = Array.isArray(spec['taints']) ? spec['taints'].filter(isJsonObject) : [];
  for (const taint of taints) if (taint['effect'] === 'NoExecute' && !taint['timeAdded']) taint['timeAdded'] = formatTimestamp(admission.now);
  // Karmada moves zone after validating it; a zone validation will refuse stays put so its error names spec.Zone.
  const zone = spec['zone'];
  const zones = spec['zones'];
  if (typeof zone === 'string' && zone !== '' && isValidLabelValue(zone).length === 0 && (zones === undefined || (Array.isArray(zones) && zones.length === 0))) {
    spec['zones'] = [zone];
    delete spec['zone'];
  }
  return out;
}
