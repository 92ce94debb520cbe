import type { KubeObject } from '../api/meta.js';
import { ConflictResolutionValue, KarmadaAnnotation, KarmadaLabel, KarmadaLabelValue } from '../api/well-known.js';
import type { Work } from '../api/work.js';

/** Whether a member object carries karmada.io/managed=true: Karmada applied it and may change or delete it. */
export function isManagedByKarmada(object: KubeObject): boolean {
  return object.metadata.labels?.[KarmadaLabel.Managed] === KarmadaLabelValue.Managed;
}

/**
 * The work.karmada.io/conflict-resolution a manifest is applied with: the manifest's own annotation (rendering copies
 * the Work's onto it, and Karmada reads it there), else the Work's.
 */
export function conflictResolutionOf(work: Work, manifest: KubeObject): string | undefined {
  return manifest.metadata.annotations?.[KarmadaAnnotation.ConflictResolution] ?? work.metadata.annotations?.[KarmadaAnnotation.ConflictResolution];
}

/**
 * Why a manifest must not be applied over what the member already holds (Karmada's objectwatcher allowUpdate): an
 * object that exists without karmada.io/managed=true belongs to someone else and is left alone, unless the conflict
 * resolution says overwrite (promoting a workload that already runs in the member). Undefined when applying is
 * allowed. The message is Karmada's, so tooling that matches it keeps working.
 */
export function applyConflict(work: Work, manifest: KubeObject, existing: KubeObject | undefined, cluster: string): string | undefined {
  if (!existing || isManagedByKarmada(existing)) return undefined;
  if (conflictResolutionOf(work, manifest) === ConflictResolutionValue.Overwrite) return undefined;
  const { namespace = '', name = '' } = manifest.metadata;
  return (
    `resource(kind=${manifest.kind}, ${namespace}/${name}) already exists in the cluster ${cluster} and the ` +
    `${KarmadaAnnotation.ConflictResolution} strategy value is empty, Karmada will not manage this resource`
  );
}
