import { cloneJson, isJsonObject, type JsonObject, type KubeObject } from '@karmada-ts/kube';
import { KarmadaFinalizer, KarmadaLabel } from '../api/well-known.js';
import { clusterPropagationPolicySchema, propagationPolicySchema } from './propagation-policy-schema.js';
import { applySchemaDefaults } from './schema-defaults.js';

/** What the mutating webhook knows about the write: creations get the permanent id (and, if asked, the finalizer). */
export type PolicyAdmission =
  | {
      operation: 'CREATE';
      /** A fresh uuid: Karmada's webhook overwrites any id the client sent. */
      permanentId: string;
      /** Karmada adds its policy-controller finalizer; only ask for it when a controller will remove it. */
      addFinalizer: boolean;
    }
  | { operation: 'UPDATE' };

/**
 * A PropagationPolicy as Karmada stores it: the CRD defaults (conflictResolution Abort, preemption Never,
 * priority 0, schedulerName default-scheduler, replicaSchedulingType Divided, failover tolerationSeconds 300 and
 * purgeMode Gracefully), then the mutating webhook (resource selector namespaces, spread constraint defaults,
 * Weighted division, gracePeriodSeconds 600, propagateDeps for ServiceImport, the permanent-id label).
 */
export function defaultPropagationPolicy(policy: KubeObject, admission: PolicyAdmission): KubeObject {
  return mutate(applySchemaDefaults(propagationPolicySchema, policy), admission, {
    selectorNamespace: policy.metadata.namespace ?? '',
    idLabel: KarmadaLabel.PropagationPolicyPermanentId,
    finalizer: KarmadaFinalizer.PropagationPolicyController,
  });
}

/** The same for a ClusterPropagationPolicy (its selectors keep an empty namespace). */
export function defaultClusterPropagationPolicy(policy: KubeObject, admission: PolicyAdmission): KubeObject {
  return mutate(applySchemaDefaults(clusterPropagationPolicySchema, policy), admission, {
    selectorNamespace: '',
    idLabel: KarmadaLabel.ClusterPropagationPolicyPermanentId,
    finalizer: KarmadaFinalizer.ClusterPropagationPolicyController,
  });
}

interface PolicyKind {
  /** Empty for cluster-scoped policies: their webhook leaves selector namespaces alone. */
  selectorNamespace: string;
  idLabel: string;
  finalizer: string;
}

const serviceImport = { apiVersion: 'multicluster.x-k8s.io/v1alpha1', kind: 'ServiceImport' };

function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isJsonObject) : [];
}

/** The webhook's changes, made on a private copy. */
function mutate(defaulted: KubeObject, admission: PolicyAdmission, kind: PolicyKind): KubeObject {
  const policy = cloneJson(defaulted);
  const spec = policy['spec'];
  if (isJsonObject(spec)) {
    const selectors = objects(spec['resourceSelectors']);
    if (kind.selectorNamespace) for (const selector of selectors) if (!selector['namespace']) selector['namespace'] = kind.selectorNamespace;
    if (selectors.some((s) => s['apiVersion'] === serviceImport.apiVersion && s['kind'] === serviceImport.kind)) spec['propagateDeps'] = true;
    // Go's Placement is a struct, not a pointer: the webhook's re-encoding always writes it.
    if (spec['placement'] === undefined) spec['placement'] = {};
    if (isJsonObject(spec['placement'])) defaultPlacement(spec['placement']);
    const application = isJsonObject(spec['failover']) ? spec['failover']['application'] : undefined;
    if (isJsonObject(application) && application['purgeMode'] === 'Gracefully' && application['gracePeriodSeconds'] === undefined)
      application['gracePeriodSeconds'] = 600;
  }
  if (admission.operation === 'CREATE') {
    policy.metadata.labels = { ...policy.metadata.labels, [kind.idLabel]: admission.permanentId };
    const finalizers = policy.metadata.finalizers ?? [];
    if (admission.addFinalizer && !finalizers.includes(kind.finalizer)) policy.metadata.finalizers = [...finalizers, kind.finalizer];
  }
  return policy;
}

/** SetDefaultSpreadConstraints and SetReplicaDivisionPreferenceWeighted. */
function defaultPlacement(placement: JsonObject): void {
  for (const constraint of objects(placement['spreadConstraints'])) {
    if (!constraint['spreadByLabel'] && !constraint['spreadByField']) constraint['spreadByField'] = 'cluster';
    if (!constraint['minGroups']) constraint['minGroups'] = 1;
  }
  const strategy = placement['replicaScheduling'];
  if (isJsonObject(strategy) && strategy['replicaSchedulingType'] === 'Divided' && !strategy['replicaDivisionPreference'])
    strategy['replicaDivisionPreference'] = 'Weighted';
}
