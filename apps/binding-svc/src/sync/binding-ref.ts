import type { BindingRefJson, BindingUpsertedData } from '@karmada-ts/contracts';
import type { AnyResourceBinding, GracefulEvictionTask, TargetCluster } from '@karmada-ts/domain';
import type { PlacementRow } from '../read-models/placements.projection.js';
import type { WorkOwner } from '../read-models/read-model-tables.js';

export function bindingRefOf(binding: AnyResourceBinding): BindingRefJson {
  return {
    kind: binding.kind,
    ...(binding.metadata.namespace ? { namespace: binding.metadata.namespace } : {}),
    name: binding.metadata.name ?? '',
    uid: binding.metadata.uid ?? '',
  };
}

export function bindingOwnerOf(binding: AnyResourceBinding): WorkOwner {
  return { kind: binding.kind, namespace: binding.metadata.namespace ?? '', name: binding.metadata.name ?? '' };
}

/**
 * The binding as Karmada's binding controller sees it: policy-svc's spec with scheduler-svc's clusters and eviction
 * tasks. A placement decided for an earlier binding of the same name (another uid) is not this binding's: it is
 * treated as not scheduled yet.
 */
export function scheduledBinding(upserted: BindingUpsertedData, placement: PlacementRow | undefined): AnyResourceBinding {
  const binding = upserted.binding as unknown as AnyResourceBinding;
  const uid = binding.metadata.uid;
  const current = placement !== undefined && (!uid || !placement.binding.uid || placement.binding.uid === uid);
  return {
    ...binding,
    spec: {
      ...binding.spec,
      clusters: current ? (placement.clusters as TargetCluster[]) : [],
      gracefulEvictionTasks: current ? (placement.gracefulEvictionTasks as unknown as GracefulEvictionTask[]) : [],
    },
  };
}

/** The same binding by kind, namespace and name (a re-created binding of the same name is the same owner). */
export function sameBindingRef(a: BindingRefJson | undefined, b: BindingRefJson | undefined): boolean {
  if (!a || !b) return a === b;
  return a.kind === b.kind && (a.namespace ?? '') === (b.namespace ?? '') && a.name === b.name;
}
