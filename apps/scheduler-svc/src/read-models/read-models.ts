import { parseAggregateSubject, type GroupResourceJson } from '@karmada-ts/contracts';

/** scheduler-svc's latest-state tables (its own schema). */
export const readModelTables = {
  clusters: 'clusters',
  clusterStatuses: 'cluster_statuses',
  bindings: 'bindings',
  placements: 'placements',
  bindingHealth: 'binding_health',
} as const;

/** The `kind` of rows: clusters by name, everything else by binding. */
export const rowKinds = { cluster: 'cluster', binding: 'binding' } as const;

export const clusterResource: GroupResourceJson = { group: 'cluster.karmada.io', resource: 'clusters' };

/** A binding's key: bindings are named per namespace (ResourceBinding) or cluster-wide (ClusterResourceBinding). */
export interface BindingKey {
  readonly namespace: string | undefined;
  readonly name: string;
}

/** The namespace and name in a `<ns|_>.<name>` subject (binding, placement, bindingstatus). */
export function keyOfBindingSubject(subject: string): BindingKey {
  const parsed = parseAggregateSubject(subject, 0);
  return { namespace: parsed.namespace, name: parsed.name };
}

export function bindingRowKey(key: BindingKey) {
  return { kind: rowKinds.binding, namespace: key.namespace ?? '', name: key.name };
}

/** `ns/name` (or `name`): a binding key as a map key. */
export function bindingId(key: BindingKey): string {
  return key.namespace ? `${key.namespace}/${key.name}` : key.name;
}
