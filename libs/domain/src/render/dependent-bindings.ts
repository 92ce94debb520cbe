import type { KubeObject } from '../api/meta.js';
import { KarmadaFinalizer, KarmadaLabel } from '../api/well-known.js';
import type { BindingSnapshot, ResourceBinding } from '../api/work.js';
import type { DependentObjectReference } from '../interpret/dependency.js';
import { deepCopy, sameJson } from '../interpret/unstructured.js';
import { goJson } from '../override/applied-overrides.js';
import { matchesLabelSelector } from '../policy/label-selector.js';
import { generateBindingName, generateBindingReferenceKey } from './names.js';

export interface DependentBindingsInput {
  /** The workload's binding. Only a ResourceBinding with propagateDeps (and not being deleted) keeps dependencies. */
  readonly independent: ResourceBinding;
  /** interpretDependency of the workload's template. */
  readonly dependencies: readonly DependentObjectReference[];
  /**
   * Control-plane objects the dependencies may name (those of the independent binding's namespace suffice). One being
   * deleted counts as gone: its own deletion removes its attached binding, which must not be attached again.
   */
  readonly objects: readonly KubeObject[];
  /** Existing ResourceBindings of the namespace: attached bindings, and the independent bindings they are required by. */
  readonly bindings: readonly ResourceBinding[];
  /** The permanent id of an attached binding created now (the caller's uuid source). */
  readonly newPermanentId: (bindingName: string) => string;
}

export interface DependentBindingsResult {
  /** Value for the independent binding's resourcebinding.karmada.io/dependencies annotation (absent when inactive). */
  readonly dependenciesAnnotation?: string;
  /** Attached bindings to create or update (only those that change), whole. */
  readonly upserts: readonly ResourceBinding[];
}

/**
 * The dependencies distributor (PropagateDeps) as a pure function: for each object the workload depends on, an
 * "attached" ResourceBinding named for that object whose spec.requiredBy holds a snapshot {namespace, name, clusters}
 * of every independent binding needing it (the binding controller sends it to the union of those clusters), labelled
 * resourcebinding.karmada.io/depended-by-<hash of the independent binding> = its permanent id. Attached bindings this
 * workload no longer needs (or all of them, when propagateDeps is off) drop its snapshot and label. For attached
 * bindings made by this mechanism (no placement), conflictResolution is Overwrite if any referrer says so, and
 * preserveResourcesOnDeletion true if any referrer says so.
 */
export function dependentBindings(input: DependentBindingsInput): DependentBindingsResult {
  const { independent } = input;
  const namespace = independent.metadata.namespace ?? '';
  const name = independent.metadata.name ?? '';
  const active = independent.spec.propagateDeps === true && !independent.metadata.deletionTimestamp;
  const dependencies = active ? input.dependencies : [];
  const labelKey = dependedByLabelKey(namespace, name);
  const byName = new Map(input.bindings.map((b) => [b.metadata.name ?? '', b]));
  // The independent binding as given, not the copy among the namespace's bindings, which may be older.
  const referrers = [...input.bindings.filter((b) => b.metadata.name !== name), independent];

  const needed = active ? resolveDependencies(dependencies, input.objects) : [];
  const neededNames = new Set(needed.map((o) => generateBindingName(o.kind, o.metadata.name ?? '')));
  const upserts: ResourceBinding[] = [];

  for (const object of needed) {
    const desired = attachedBinding(independent, object, labelKey);
    const existing = byName.get(desired.metadata.name ?? '');
    if (existing && existing.metadata.ownerReferences?.some((o) => o.controller && o.uid !== object.metadata.uid)) continue;
    const merged = existing ? mergeAttached(existing, desired, referrers) : withPermanentId(withStrategy(desired, referrers), input.newPermanentId);
    if (!existing || !sameJson(existing, merged)) upserts.push(merged);
  }
  for (const attached of input.bindings) {
    if (attached.metadata.labels?.[labelKey] === undefined || neededNames.has(attached.metadata.name ?? '')) continue;
    upserts.push(releaseAttached(attached, namespace, name, labelKey, referrers));
  }
  return active ? { dependenciesAnnotation: dependenciesAnnotation(dependencies), upserts } : { upserts };
}

/** resourcebinding.karmada.io/depended-by-<safe-encoded fnv32a of "namespace/name"> of an independent binding. */
export function dependedByLabelKey(namespace: string, name: string): string {
  return `${KarmadaLabel.DependedByPrefix}${generateBindingReferenceKey(namespace, name)}`;
}

/** The dependencies annotation as Karmada writes it: the references as Go JSON, empty fields omitted. */
export function dependenciesAnnotation(dependencies: readonly DependentObjectReference[]): string {
  if (dependencies.length === 0) return 'null';
  return goJson(
    dependencies.map((d) => ({
      apiVersion: d.apiVersion,
      kind: d.kind,
      ...(d.namespace ? { namespace: d.namespace } : {}),
      ...(d.name ? { name: d.name } : {}),
      ...(d.labelSelector ? { labelSelector: d.labelSelector } : {}),
    })),
  );
}

/**
 * The objects the references designate: by name, or every object of that kind matching the label selector. Objects
 * being deleted are left out (in Karmada they are gone by then; here the template waits for its clean-up).
 */
function resolveDependencies(dependencies: readonly DependentObjectReference[], objects: readonly KubeObject[]): KubeObject[] {
  const found = new Map<string, KubeObject>();
  for (const dependency of dependencies) {
    for (const object of objects) {
      if (object.metadata.deletionTimestamp) continue;
      if (object.apiVersion !== dependency.apiVersion || object.kind !== dependency.kind) continue;
      if ((object.metadata.namespace ?? '') !== (dependency.namespace ?? '')) continue;
      const matches = dependency.name ? object.metadata.name === dependency.name : dependency.labelSelector ? matchesLabelSelector(dependency.labelSelector, object.metadata.labels) : false;
      if (matches) found.set(`${object.kind}/${object.metadata.name}`, object);
    }
  }
  return [...found.values()];
}

function attachedBinding(independent: ResourceBinding, object: KubeObject, labelKey: string): ResourceBinding {
  const snapshot: BindingSnapshot = {
    namespace: independent.metadata.namespace ?? '',
    name: independent.metadata.name ?? '',
    clusters: deepCopy(independent.spec.clusters ?? []),
  };
  return {
    apiVersion: 'work.karmada.io/v1alpha2',
    kind: 'ResourceBinding',
    metadata: {
      name: generateBindingName(object.kind, object.metadata.name ?? ''),
      namespace: independent.metadata.namespace ?? '',
      labels: { [labelKey]: independent.metadata.labels?.[KarmadaLabel.ResourceBindingPermanentId] ?? '' },
      ownerReferences: [
        { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name ?? '', uid: object.metadata.uid ?? '', controller: true, blockOwnerDeletion: true },
      ],
      finalizers: [KarmadaFinalizer.BindingController],
    },
    spec: {
      resource: {
        apiVersion: object.apiVersion,
        kind: object.kind,
        ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
        name: object.metadata.name ?? '',
        ...(object.metadata.uid ? { uid: object.metadata.uid } : {}),
        ...(object.metadata.resourceVersion ? { resourceVersion: object.metadata.resourceVersion } : {}),
      },
      requiredBy: [snapshot],
    },
  };
}

function mergeAttached(existing: ResourceBinding, desired: ResourceBinding, referrers: readonly ResourceBinding[]): ResourceBinding {
  const requiredBy = mergeSnapshots(existing.spec.requiredBy ?? [], desired.spec.requiredBy ?? []);
  const merged: ResourceBinding = {
    ...deepCopy(existing),
    metadata: { ...deepCopy(existing.metadata), labels: { ...existing.metadata.labels, ...desired.metadata.labels } },
    spec: { ...deepCopy(existing.spec), resource: deepCopy(desired.spec.resource), requiredBy },
  };
  return withStrategy(merged, referrers);
}

function releaseAttached(attached: ResourceBinding, namespace: string, name: string, labelKey: string, referrers: readonly ResourceBinding[]): ResourceBinding {
  const labels = Object.fromEntries(Object.entries(attached.metadata.labels ?? {}).filter(([key]) => key !== labelKey));
  const requiredBy = (attached.spec.requiredBy ?? []).filter((s) => !(s.namespace === namespace && s.name === name));
  const released: ResourceBinding = { ...deepCopy(attached), metadata: { ...deepCopy(attached.metadata), labels }, spec: { ...deepCopy(attached.spec), requiredBy } };
  return withStrategy(released, referrers.filter((r) => !(r.metadata.namespace === namespace && r.metadata.name === name)));
}

/** Replaces a snapshot of the same binding, appends new ones. */
function mergeSnapshots(existing: readonly BindingSnapshot[], added: readonly BindingSnapshot[]): BindingSnapshot[] {
  const merged = existing.map((s) => deepCopy(s));
  for (const snapshot of added) {
    const index = merged.findIndex((s) => s.namespace === snapshot.namespace && s.name === snapshot.name);
    if (index === -1) merged.push(deepCopy(snapshot));
    else merged[index] = deepCopy(snapshot);
  }
  return merged;
}

/**
 * The effective strategy of a dependency-made attached binding (no placement): from the referrers named in its
 * requiredBy. With no referrer left, the fields are cleared. A policy-made binding of the same object keeps its own.
 */
function withStrategy(binding: ResourceBinding, referrers: readonly ResourceBinding[]): ResourceBinding {
  if (binding.spec.placement) return binding;
  const spec = { ...binding.spec };
  const referring = (spec.requiredBy ?? []).flatMap((s) => referrers.filter((r) => r.metadata.namespace === s.namespace && r.metadata.name === s.name));
  delete spec.conflictResolution;
  delete spec.preserveResourcesOnDeletion;
  if ((spec.requiredBy ?? []).length > 0) {
    spec.conflictResolution = referring.some((r) => r.spec.conflictResolution === 'Overwrite') ? 'Overwrite' : 'Abort';
    spec.preserveResourcesOnDeletion = referring.some((r) => r.spec.preserveResourcesOnDeletion === true);
  }
  return { ...binding, spec };
}

function withPermanentId(binding: ResourceBinding, newPermanentId: (name: string) => string): ResourceBinding {
  return {
    ...binding,
    metadata: { ...binding.metadata, labels: { ...binding.metadata.labels, [KarmadaLabel.ResourceBindingPermanentId]: newPermanentId(binding.metadata.name ?? '') } },
  };
}
