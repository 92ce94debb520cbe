import type { KubeObject } from '../api/meta.js';
import { BuiltinKind, gvkKey } from './kinds.js';
import { numberAt } from './unstructured.js';

/**
 * Kinds whose member controller answers every spec generation with a status write that carries
 * `status.observedGeneration`: right after an apply, their status is about to change.
 */
const controlledKinds: ReadonlySet<string> = new Set([BuiltinKind.Deployment, BuiltinKind.StatefulSet, BuiltinKind.ReplicaSet, BuiltinKind.DaemonSet]);

/** Whether a member controller will write this object's status once it has acted on its spec. */
export function hasStatusController(object: Pick<KubeObject, 'apiVersion' | 'kind'>): boolean {
  return controlledKinds.has(gvkKey(object));
}

/**
 * Whether `current` shows the member's controller has acted on the spec `written` put there: the same object (uid)
 * at least at that generation, with a status that observed it.
 */
export function controllerObserved(written: KubeObject, current: KubeObject): boolean {
  const generation = written.metadata.generation ?? 0;
  return (
    current.metadata.uid === written.metadata.uid &&
    (current.metadata.generation ?? 0) >= generation &&
    (numberAt(current, 'status', 'observedGeneration') ?? 0) >= generation
  );
}

/**
 * Whether the controller has done what it does at once for the spec it observed: every desired replica exists at
 * that spec (their readiness comes later, from the pods). Until then, more status writes follow within moments.
 * Kinds without replicas are never done in this sense: whoever waits for them waits for quiet instead.
 */
export function replicasCreated(object: KubeObject): boolean {
  const status = (field: string): number => numberAt(object, 'status', field) ?? 0;
  const desired = numberAt(object, 'spec', 'replicas') ?? 1;
  switch (gvkKey(object)) {
    case BuiltinKind.Deployment:
    case BuiltinKind.StatefulSet:
      return status('replicas') === desired && status('updatedReplicas') === desired;
    case BuiltinKind.ReplicaSet:
      return status('replicas') === desired;
    case BuiltinKind.DaemonSet:
      return status('currentNumberScheduled') === status('desiredNumberScheduled') && status('updatedNumberScheduled') === status('desiredNumberScheduled');
    default:
      return false;
  }
}
