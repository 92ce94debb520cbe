import { cloneJson, isJsonObject, type KubeObject } from '@karmada-ts/kube';
import { clusterOverridePolicySchema, overridePolicySchema } from './override-policy-schema.js';
import { applySchemaDefaults } from './schema-defaults.js';

/**
 * An OverridePolicy as Karmada stores it. Its CRD has no defaults (only nulls are dropped); its mutating webhook
 * fills empty resource selector namespaces with the policy's and, re-encoding the Go struct, writes an empty
 * `spec.overriders` when there is none.
 */
export function defaultOverridePolicy(policy: KubeObject): KubeObject {
  const out = cloneJson(applySchemaDefaults(overridePolicySchema, policy));
  const spec = out['spec'];
  if (!isJsonObject(spec)) return out;
  const namespace = policy.metadata.namespace ?? '';
  const selectors = Array.isArray(spec['resourceSelectors']) ? spec['resourceSelectors'].filter(isJsonObject) : [];
  if (namespace) for (const selector of selectors) if (!selector['namespace']) selector['namespace'] = namespace;
  if (spec['overriders'] === undefined) spec['overriders'] = {};
  return out;
}

/** A ClusterOverridePolicy as Karmada stores it: it has no mutating webhook, so only the CRD's null pruning. */
export function defaultClusterOverridePolicy(policy: KubeObject): KubeObject {
  return applySchemaDefaults(clusterOverridePolicySchema, policy);
}
