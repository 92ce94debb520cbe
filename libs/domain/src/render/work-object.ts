import type { KubeObject, ObjectMeta } from '../api/meta.js';
import { KarmadaAnnotation, KarmadaFinalizer, KarmadaLabel, KarmadaLabelValue } from '../api/well-known.js';
import type { Work } from '../api/work.js';
import { deepCopy } from '../interpret/unstructured.js';
import { pruneIrrelevantFields } from './prune.js';

export interface WorkMeta {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly ownerReferences?: ObjectMeta['ownerReferences'];
}

export interface WorkSpecOptions {
  readonly suspendDispatching?: boolean;
  readonly preserveResourcesOnDeletion?: boolean;
  /** work.karmada.io/permanent-id (Karmada's webhook stamps a uuid on a new Work); labels the Work and its manifest. */
  readonly workPermanentId?: string;
}

/**
 * A Work carrying one manifest (Karmada's CreateOrUpdateWork): the workload gets karmada.io/managed=true, the template
 * uid and the Work's name and namespace as annotations (and the Work's conflict-resolution annotation), is pruned of
 * what the member owns, and records the label and annotation keys it carries in managed-labels / managed-annotations so
 * keys later dropped can be told from keys the member added.
 */
export function workWithManifest(meta: WorkMeta, workload: KubeObject, options: WorkSpecOptions): Work {
  const conflictResolution = meta.annotations[KarmadaAnnotation.ConflictResolution];
  // New metadata maps over the workload's own objects: pruning makes the one deep copy the manifest needs.
  const labelled: KubeObject = {
    ...workload,
    metadata: {
      ...workload.metadata,
      labels: { ...workload.metadata.labels, [KarmadaLabel.Managed]: KarmadaLabelValue.Managed },
      annotations: {
        ...workload.metadata.annotations,
        [KarmadaAnnotation.ResourceTemplateUid]: workload.metadata.uid ?? '',
        [KarmadaAnnotation.WorkName]: meta.name,
        [KarmadaAnnotation.WorkNamespace]: meta.namespace,
        ...(conflictResolution ? { [KarmadaAnnotation.ConflictResolution]: conflictResolution } : {}),
      },
    },
  };
  const pruned = pruneIrrelevantFields(labelled);
  const recorded = recordManagedKeys(pruned, options.workPermanentId);
  const labels = { ...meta.labels, ...(options.workPermanentId ? { [KarmadaLabel.WorkPermanentId]: options.workPermanentId } : {}) };
  return {
    apiVersion: 'work.karmada.io/v1alpha1',
    kind: 'Work',
    metadata: {
      name: meta.name,
      namespace: meta.namespace,
      labels,
      annotations: { ...meta.annotations },
      ...(meta.ownerReferences ? { ownerReferences: deepCopy(meta.ownerReferences) } : {}),
      finalizers: [KarmadaFinalizer.ExecutionController],
    },
    spec: {
      workload: { manifests: [recorded] },
      ...(options.suspendDispatching !== undefined ? { suspendDispatching: options.suspendDispatching } : {}),
      ...(options.preserveResourcesOnDeletion !== undefined ? { preserveResourcesOnDeletion: options.preserveResourcesOnDeletion } : {}),
    },
  };
}

/**
 * A Work rendered without a permanent id, given one: the id labels the Work and its manifests, and the manifests'
 * managed-labels name it, exactly as renderWork would have written them with the id (which rendering a new Work again
 * cost: a second deep copy, overrides and pruning). The Work's other parts are shared with `work`.
 */
export function withWorkPermanentId(work: Work, permanentId: string): Work {
  return {
    ...work,
    metadata: { ...work.metadata, labels: { ...work.metadata.labels, [KarmadaLabel.WorkPermanentId]: permanentId } },
    spec: {
      ...work.spec,
      workload: { manifests: work.spec.workload.manifests.map((manifest) => recordManagedKeys(manifest, permanentId)) },
    },
  };
}

/** Karmada's SetLabelsAndAnnotationsForWorkload: managed-annotations first, then the Work id label, then managed-labels. */
function recordManagedKeys(workload: KubeObject, workPermanentId: string | undefined): KubeObject {
  const annotations = { ...workload.metadata.annotations };
  const managedAnnotationKeys = [
    KarmadaAnnotation.ManagedAnnotations,
    KarmadaAnnotation.ManagedLabels,
    ...Object.keys(annotations).filter((k) => k !== KarmadaAnnotation.ManagedAnnotations && k !== KarmadaAnnotation.ManagedLabels),
  ].sort();
  annotations[KarmadaAnnotation.ManagedAnnotations] = managedAnnotationKeys.join(',');
  const labels = { ...workload.metadata.labels, ...(workPermanentId ? { [KarmadaLabel.WorkPermanentId]: workPermanentId } : {}) };
  annotations[KarmadaAnnotation.ManagedLabels] = Object.keys(labels).sort().join(',');
  return { ...workload, metadata: { ...workload.metadata, labels, annotations } };
}

/**
 * The existing Work updated to the desired one (CreateOrUpdateWork's mutation): labels and annotations merged with
 * desired values winning, finalizers united, the spec replaced. The existing Work's permanent id is kept, on the Work
 * and on its manifest. Nothing of the existing Work is shared; the desired Work (a fresh render) may hand over parts of
 * its manifests.
 */
export function mergeWork(existing: Work, desired: Work): Work {
  const id = existing.metadata.labels?.[KarmadaLabel.WorkPermanentId];
  const manifests = desired.spec.workload.manifests.map((manifest) =>
    id ? recordManagedKeys({ ...manifest, metadata: { ...manifest.metadata } }, id) : deepCopy(manifest),
  );
  // The existing Work's spec is replaced and its metadata maps rebuilt: copy only the rest of it, and of the desired
  // spec everything but the manifests (a Work's bulk), which `manifests` holds already.
  const { spec: _replaced, metadata: existingMeta, ...existingRest } = existing;
  const { workload: _manifests, ...desiredSpec } = desired.spec;
  return {
    ...deepCopy(existingRest),
    metadata: {
      ...deepCopy(existingMeta),
      labels: { ...existing.metadata.labels, ...desired.metadata.labels, ...(id ? { [KarmadaLabel.WorkPermanentId]: id } : {}) },
      annotations: { ...existing.metadata.annotations, ...desired.metadata.annotations },
      finalizers: [...new Set([...(existing.metadata.finalizers ?? []), ...(desired.metadata.finalizers ?? [])])],
    },
    spec: { ...deepCopy(desiredSpec), workload: { manifests } },
  };
}
