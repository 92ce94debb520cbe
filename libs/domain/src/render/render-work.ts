import type { Cluster } from '../api/cluster.js';
import type { KubeObject } from '../api/meta.js';
import { ConflictResolutionValue, KarmadaAnnotation, KarmadaLabel, executionSpaceName } from '../api/well-known.js';
import type { AnyResourceBinding, ResourceBindingSpec, TargetCluster, Work } from '../api/work.js';
import { hasReviseReplica, reviseReplica } from '../interpret/revise-replica.js';
import { deepCopy, isRecord, numberAt } from '../interpret/unstructured.js';
import { applyOverrides, type OverrideError } from '../override/apply-overrides.js';
import type { OverridePolicies } from '../override/matching-override-rules.js';
import { divideJobCompletions, needsJobCompletionsSplit } from '../scheduling/job-completions.js';
import { generateWorkName } from './names.js';
import { workTargetClusters } from './target-clusters.js';
import { workWithManifest } from './work-object.js';

export interface RenderWorkOptions {
  /** Override policies to weigh (all ClusterOverridePolicies; OverridePolicies of any namespace). */
  readonly overridePolicies: OverridePolicies;
  /** Replicas for this cluster; default: the cluster's entry in spec.clusters (or a requiredBy snapshot), else 0. */
  readonly replicas?: number;
  /** This cluster's share of a Job's spec.completions; default: split as Karmada does (see divideJobCompletions). */
  readonly jobCompletions?: number;
  /** work.karmada.io/permanent-id of the Work (a uuid from the caller; an existing Work keeps its own, see mergeWork). */
  readonly workPermanentId?: string;
}

export type RenderWorkResult = { readonly ok: true; readonly work: Work } | { readonly ok: false; readonly error: OverrideError };

/**
 * The Work that carries a template to one target cluster (Karmada's binding controller, ensureWork), in namespace
 * karmada-es-<cluster>, named like Karmada's (generateWorkName):
 *
 * 1. the template copy runs the cluster's replica count when the binding is a workload (even for Duplicated: the
 *    scheduler's result is authoritative) and, for a Divided Job, its share of the completions;
 * 2. override policies apply last, so they win (an override failure is returned, nothing half-applied);
 * 3. the manifest is labelled with the binding's permanent id and annotated with the template generation and the
 *    binding's namespace/name, then (see workWithManifest) managed-by, uid, Work name and conflict resolution, and is
 *    pruned of status and server-set metadata;
 * 4. the Work is labelled with the binding's permanent id, annotated with the binding, the conflict resolution (the
 *    template's own annotation wins over the binding's setting) and the applied overrides, and carries
 *    suspendDispatching and preserveResourcesOnDeletion.
 */
export function renderWork(template: KubeObject, binding: AnyResourceBinding, cluster: Cluster, options: RenderWorkOptions): RenderWorkResult {
  const clusterName = cluster.metadata.name ?? '';
  const spec = binding.spec;
  let workload = deepCopy(template);
  if (isWorkload(spec) && hasReviseReplica(workload)) workload = reviseReplica(workload, options.replicas ?? assignedReplicas(spec, clusterName));
  const completions = options.jobCompletions ?? jobCompletionsFor(workload, spec, clusterName);
  if (completions !== undefined) workload = withJobCompletions(workload, completions);

  const overridden = applyOverrides(workload, cluster, options.overridePolicies);
  if (!overridden.ok) return overridden;
  workload = overridden.object;

  const namespaced = binding.kind === 'ResourceBinding';
  const idLabel = namespaced ? KarmadaLabel.ResourceBindingPermanentId : KarmadaLabel.ClusterResourceBindingPermanentId;
  const bindingLabels = { [idLabel]: binding.metadata.labels?.[idLabel] ?? '' };
  const bindingAnnotations: Record<string, string> = namespaced
    ? { [KarmadaAnnotation.ResourceBindingNamespace]: binding.metadata.namespace ?? '', [KarmadaAnnotation.ResourceBindingName]: binding.metadata.name ?? '' }
    : { [KarmadaAnnotation.ClusterResourceBindingName]: binding.metadata.name ?? '' };
  const generation = workload.metadata.generation ?? 0;
  workload = {
    ...workload,
    metadata: {
      ...workload.metadata,
      labels: { ...workload.metadata.labels, ...bindingLabels },
      annotations: {
        ...workload.metadata.annotations,
        ...(generation > 0 ? { [KarmadaAnnotation.ResourceTemplateGeneration]: String(generation) } : {}),
        ...bindingAnnotations,
      },
    },
  };

  const work = workWithManifest(
    {
      name: generateWorkName(workload.kind, workload.metadata.name ?? '', workload.metadata.namespace),
      namespace: executionSpaceName(clusterName),
      labels: bindingLabels,
      annotations: {
        ...bindingAnnotations,
        [KarmadaAnnotation.ConflictResolution]: conflictResolution(workload, spec),
        ...overridden.annotations,
      },
    },
    workload,
    {
      suspendDispatching: shouldSuspendDispatching(spec, clusterName),
      preserveResourcesOnDeletion: spec.preserveResourcesOnDeletion ?? false,
      ...(options.workPermanentId ? { workPermanentId: options.workPermanentId } : {}),
    },
  );
  return { ok: true, work };
}

/** Karmada's IsWorkload: the binding has replicas or replica requirements. */
export function isWorkload(spec: ResourceBindingSpec): boolean {
  return (spec.replicas ?? 0) > 0 || spec.replicaRequirements !== undefined;
}

function assignedReplicas(spec: ResourceBindingSpec, clusterName: string): number {
  return workTargetClusters(spec).find((target: TargetCluster) => target.name === clusterName)?.replicas ?? 0;
}

/**
 * A Divided Job's completions are shared out over its target clusters by the parallelism each got (Karmada's
 * divideReplicasByJobCompletions); undefined when there is nothing to split.
 */
function jobCompletionsFor(workload: KubeObject, spec: ResourceBindingSpec, clusterName: string): number | undefined {
  if (workload.kind !== 'Job' || !needsJobCompletionsSplit(spec.replicas ?? 0, spec.placement)) return undefined;
  const completions = numberAt(workload, 'spec', 'completions');
  if (completions === undefined) return undefined;
  return divideJobCompletions(completions, workTargetClusters(spec), workload.metadata.uid).find((c) => c.name === clusterName)?.replicas ?? 0;
}

/** A Job's completions for this cluster, written only when the template sets completions (work-queue Jobs do not). */
function withJobCompletions(workload: KubeObject, completions: number): KubeObject {
  if (workload.kind !== 'Job' || !isRecord(workload.spec) || workload.spec['completions'] === undefined) return workload;
  return { ...workload, spec: { ...workload.spec, completions } };
}

/** The template's own conflict-resolution annotation (overwrite|abort) wins; otherwise the binding's setting. */
export function conflictResolution(workload: KubeObject, spec: ResourceBindingSpec): string {
  const own = workload.metadata.annotations?.[KarmadaAnnotation.ConflictResolution];
  if (own === ConflictResolutionValue.Overwrite || own === ConflictResolutionValue.Abort) return own;
  return spec.conflictResolution === 'Overwrite' ? ConflictResolutionValue.Overwrite : ConflictResolutionValue.Abort;
}

/** Dispatching is suspended for all clusters, or for the clusters listed in dispatchingOnClusters. */
export function shouldSuspendDispatching(spec: ResourceBindingSpec, clusterName: string): boolean {
  const suspension = spec.suspension;
  if (!suspension) return false;
  return suspension.dispatching === true || (suspension.dispatchingOnClusters?.clusterNames ?? []).includes(clusterName);
}
