import type { KubeObject } from '../api/meta.js';
import { BuiltinKind, gvkKey } from './kinds.js';
import { deepCopy, isRecord } from './unstructured.js';

/** The spec field holding the replica count Karmada revises, per kind (a Job's is parallelism). */
const replicaFields: Record<string, string> = {
  [BuiltinKind.Deployment]: 'replicas',
  [BuiltinKind.ReplicaSet]: 'replicas',
  [BuiltinKind.StatefulSet]: 'replicas',
  [BuiltinKind.Job]: 'parallelism',
};

export function hasReviseReplica(object: KubeObject): boolean {
  return gvkKey(object) in replicaFields;
}

/**
 * ReviseReplica: a copy of the workload running `replicas` replicas, the count the scheduler gave one cluster.
 * Karmada only overwrites a field that exists, which on an API-server-defaulted template it always does; here the field
 * is written even when the template omitted it, so a cluster assigned 0 never falls back to the default of 1.
 * Kinds without the operation are returned unchanged (as a copy).
 */
export function reviseReplica<T extends KubeObject>(object: T, replicas: number): T {
  const copy = deepCopy(object);
  const field = replicaFields[gvkKey(object)];
  if (!field) return copy;
  const spec = isRecord(copy.spec) ? copy.spec : {};
  copy.spec = { ...spec, [field]: replicas };
  return copy;
}
