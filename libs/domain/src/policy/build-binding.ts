import type { KubeObject, OwnerReference } from '../api/meta.js';
import type { AnyPropagationPolicy, Suspension } from '../api/policy.js';
import { DefaultSchedulerName, KarmadaFinalizer, KarmadaLabel } from '../api/well-known.js';
import type { AnyResourceBinding, ClusterResourceBinding, ResourceBinding, ResourceBindingSpec } from '../api/work.js';
import { interpretReplica } from '../interpret/replica.js';
import { deepCopy } from '../interpret/unstructured.js';
import { generateBindingName } from '../render/names.js';
import { ClaimMetadataKeys, claimMetadata, claimOf } from './claim.js';

export interface BuildBindingOptions {
  /**
   * The binding's permanent id, a uuid the caller generates (Karmada's webhook stamps it at creation). Labelled
   * resourcebinding.karmada.io/permanent-id or clusterresourcebinding.karmada.io/permanent-id; an existing binding keeps
   * its own (see mergeBinding).
   */
  readonly permanentId: string;
  /** spec.schedulePriority.priority: the value of the policy's schedulePriority PriorityClass, resolved by the caller. */
  readonly schedulePriority?: number;
  /** When the binding is built (the API server's creationTimestamp in Karmada); an existing binding keeps its own. */
  readonly creationTimestamp?: string;
}

/**
 * The binding the detector wants for a template claimed by a policy (Karmada's BuildResourceBinding /
 * BuildClusterResourceBinding): a ResourceBinding in the template's namespace, or a ClusterResourceBinding for a
 * cluster-scoped template, named lower(<name>-<kind>), owned by the template (controller reference, so deleting the
 * template deletes it), with the binding controller's finalizer, the claim labels and annotations, the policy's
 * placement and behaviour, and the interpreter's replicas and replica requirements. It has no spec.clusters: that is
 * the scheduler's.
 */
export function buildBinding(template: KubeObject, policy: AnyPropagationPolicy, options: BuildBindingOptions): AnyResourceBinding {
  const namespace = template.metadata.namespace ?? '';
  const claim = claimMetadata(claimOf(policy));
  const idLabel = namespace ? KarmadaLabel.ResourceBindingPermanentId : KarmadaLabel.ClusterResourceBindingPermanentId;
  const metadata = {
    name: generateBindingName(template.kind, template.metadata.name ?? ''),
    ...(namespace ? { namespace } : {}),
    ...(options.creationTimestamp ? { creationTimestamp: options.creationTimestamp } : {}),
    labels: { ...claim.labels, [idLabel]: options.permanentId },
    annotations: claim.annotations,
    ownerReferences: [controllerReference(template)],
    finalizers: [namespace ? KarmadaFinalizer.BindingController : KarmadaFinalizer.ClusterResourceBindingController],
  };
  const spec = bindingSpecFor(template, policy, options);
  return namespace
    ? ({ apiVersion: 'work.karmada.io/v1alpha2', kind: 'ResourceBinding', metadata, spec } satisfies ResourceBinding)
    : ({ apiVersion: 'work.karmada.io/v1alpha2', kind: 'ClusterResourceBinding', metadata, spec } satisfies ClusterResourceBinding);
}

function bindingSpecFor(template: KubeObject, policy: AnyPropagationPolicy, options: BuildBindingOptions): ResourceBindingSpec {
  const p = policy.spec;
  const replicas = interpretReplica(template);
  return {
    resource: {
      apiVersion: template.apiVersion,
      kind: template.kind,
      ...(template.metadata.namespace ? { namespace: template.metadata.namespace } : {}),
      name: template.metadata.name ?? '',
      ...(template.metadata.uid ? { uid: template.metadata.uid } : {}),
      ...(template.metadata.resourceVersion ? { resourceVersion: template.metadata.resourceVersion } : {}),
    },
    ...(p.propagateDeps !== undefined ? { propagateDeps: p.propagateDeps } : {}),
    ...(replicas?.replicaRequirements ? { replicaRequirements: replicas.replicaRequirements } : {}),
    ...(replicas?.replicas ? { replicas: replicas.replicas } : {}),
    placement: deepCopy(p.placement ?? {}),
    schedulerName: p.schedulerName || DefaultSchedulerName,
    ...(p.failover ? { failover: deepCopy(p.failover) } : {}),
    ...(p.conflictResolution ? { conflictResolution: p.conflictResolution } : {}),
    ...(p.suspension ? { suspension: deepCopy(p.suspension) } : {}),
    ...(p.preserveResourcesOnDeletion !== undefined ? { preserveResourcesOnDeletion: p.preserveResourcesOnDeletion } : {}),
    ...(options.schedulePriority !== undefined ? { schedulePriority: { priority: options.schedulePriority } } : {}),
    ...(p.failback ? { failback: deepCopy(p.failback) } : {}),
  };
}

/** metav1.NewControllerRef: the template as controlling owner, blocking its deletion until the binding is gone. */
function controllerReference(template: KubeObject): OwnerReference {
  return {
    apiVersion: template.apiVersion,
    kind: template.kind,
    name: template.metadata.name ?? '',
    uid: template.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The binding fields the detector owns; everything else (clusters, eviction tasks, requiredBy, status) is left alone. */
const detectorOwnedSpecFields = [
  'resource',
  'replicaRequirements',
  'replicas',
  'propagateDeps',
  'schedulerName',
  'placement',
  'failover',
  'conflictResolution',
  'preserveResourcesOnDeletion',
  'schedulePriority',
  'failback',
] as const satisfies readonly (keyof ResourceBindingSpec)[];

/**
 * The existing binding updated to the desired one (CreateOrUpdate's mutate function in Karmada's ApplyPolicy):
 * labels and annotations merged (desired wins, but the existing permanent id is kept), finalizers united, owner
 * references replaced, and only the detector-owned spec fields replaced; spec.clusters, gracefulEvictionTasks,
 * requiredBy, rescheduleTriggeredAt and status are never touched. Suspension is merged so the scheduler-owned
 * `scheduling` flag survives. The other kind of claim (a CPP's, when a PP claims) is removed.
 */
export function mergeBinding<B extends AnyResourceBinding>(existing: B, desired: AnyResourceBinding): B {
  const merged = deepCopy(existing);
  const idLabel = merged.kind === 'ResourceBinding' ? KarmadaLabel.ResourceBindingPermanentId : KarmadaLabel.ClusterResourceBindingPermanentId;
  const existingId = merged.metadata.labels?.[idLabel];
  const otherClaim = desired.metadata.labels?.[KarmadaLabel.PropagationPolicyPermanentId] ? ClaimMetadataKeys.ClusterPropagationPolicy : undefined;
  const drop = (map: Record<string, string>, keys: readonly string[] | undefined) => Object.fromEntries(Object.entries(map).filter(([k]) => !keys?.includes(k)));

  merged.metadata.labels = drop({ ...merged.metadata.labels, ...desired.metadata.labels, ...(existingId ? { [idLabel]: existingId } : {}) }, otherClaim?.labels);
  merged.metadata.annotations = drop({ ...merged.metadata.annotations, ...desired.metadata.annotations }, otherClaim?.annotations);
  merged.metadata.finalizers = [...new Set([...(merged.metadata.finalizers ?? []), ...(desired.metadata.finalizers ?? [])])];
  merged.metadata.ownerReferences = deepCopy(desired.metadata.ownerReferences ?? []);

  const spec: ResourceBindingSpec = merged.spec;
  const wanted: ResourceBindingSpec = desired.spec;
  for (const field of detectorOwnedSpecFields) {
    if (wanted[field] === undefined) delete spec[field];
    else Object.assign(spec, { [field]: deepCopy(wanted[field]) });
  }
  const suspension = mergeSuspension(spec.suspension, wanted.suspension);
  if (suspension) spec.suspension = suspension;
  else delete spec.suspension;
  return merged;
}

/**
 * Karmada's MergePolicySuspension: the policy's dispatching settings replace the binding's, while the binding's own
 * `scheduling` flag stays; without policy suspension only a set `scheduling` flag remains.
 */
export function mergeSuspension(
  existing: (Suspension & { scheduling?: boolean }) | undefined,
  fromPolicy: Suspension | undefined,
): (Suspension & { scheduling?: boolean }) | undefined {
  const scheduling = existing?.scheduling;
  const policyPart: Suspension = fromPolicy
    ? { ...(fromPolicy.dispatching !== undefined ? { dispatching: fromPolicy.dispatching } : {}), ...(fromPolicy.dispatchingOnClusters ? { dispatchingOnClusters: deepCopy(fromPolicy.dispatchingOnClusters) } : {}) }
    : {};
  if (!fromPolicy && scheduling === undefined) return undefined;
  return { ...policyPart, ...(scheduling !== undefined ? { scheduling } : {}) };
}

/**
 * Whether an existing binding of the same name belongs to another object (a deleted and re-created template whose old
 * binding garbage collection has not removed yet): Karmada then refuses to update it and retries later (#2090).
 */
export function bindingOwnedByOther(existing: AnyResourceBinding, template: KubeObject): boolean {
  const owner = existing.metadata.ownerReferences?.find((reference) => reference.controller);
  return owner !== undefined && owner.uid !== (template.metadata.uid ?? '');
}

/**
 * Whether the binding should be refreshed from the policy now. With `activationPreference: Lazy`, changes caused by
 * Karmada itself (a policy change re-queuing the template) wait until the user next changes the template.
 */
export function shouldRefreshBinding(policy: AnyPropagationPolicy, changedByKarmada: boolean): boolean {
  return !(changedByKarmada && policy.spec.activationPreference === 'Lazy');
}
