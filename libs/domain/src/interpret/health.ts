import type { KubeObject } from '../api/meta.js';
import type { ResourceHealth } from '../api/work.js';
import { BuiltinKind, gvkKey } from './kinds.js';
import { numberAt, recordsAt, stringAt } from './unstructured.js';

type HealthInterpreter = (object: KubeObject) => boolean;

const count = (object: KubeObject, ...path: string[]): number => numberAt(object, ...path) ?? 0;
const observedLatest = (object: KubeObject): boolean => count(object, 'status', 'observedGeneration') === (object.metadata.generation ?? 0);
const hasLoadBalancerAddress = (object: KubeObject): boolean =>
  recordsAt(object, 'status', 'loadBalancer', 'ingress').some((ingress) => Boolean(stringAt(ingress, 'hostname') || stringAt(ingress, 'ip')));

/** Karmada's built-in InterpretHealth rules, on member objects (absent numbers count as 0, as in Go). */
const healthInterpreters: Record<string, HealthInterpreter> = {
  [BuiltinKind.Deployment]: (o) => rolledOut(o),
  [BuiltinKind.StatefulSet]: (o) => rolledOut(o),
  [BuiltinKind.ReplicaSet]: (o) => {
    const replicas = numberAt(o, 'spec', 'replicas');
    return observedLatest(o) && (replicas === undefined || count(o, 'status', 'availableReplicas') >= replicas);
  },
  [BuiltinKind.DaemonSet]: (o) =>
    observedLatest(o) &&
    count(o, 'status', 'updatedNumberScheduled') >= count(o, 'status', 'desiredNumberScheduled') &&
    count(o, 'status', 'numberAvailable') >= count(o, 'status', 'updatedNumberScheduled'),
  [BuiltinKind.Service]: (o) => stringAt(o, 'spec', 'type') !== 'LoadBalancer' || hasLoadBalancerAddress(o),
  [BuiltinKind.Ingress]: (o) => hasLoadBalancerAddress(o),
  [BuiltinKind.PersistentVolumeClaim]: (o) => stringAt(o, 'status', 'phase') === 'Bound',
  [BuiltinKind.Pod]: (o) => {
    const phase = stringAt(o, 'status', 'phase');
    const ready = recordsAt(o, 'status', 'conditions').find((c) => c['type'] === 'Ready');
    return phase === 'Succeeded' || (phase === 'Running' && ready?.['status'] === 'True');
  },
  [BuiltinKind.PodDisruptionBudget]: (o) => count(o, 'status', 'currentHealthy') >= count(o, 'status', 'desiredHealthy'),
};

/** Deployment and StatefulSet: the latest spec observed, every replica updated, every updated replica available. */
function rolledOut(object: KubeObject): boolean {
  const replicas = numberAt(object, 'spec', 'replicas');
  const updated = count(object, 'status', 'updatedReplicas');
  return observedLatest(object) && (replicas === undefined || updated >= replicas) && count(object, 'status', 'availableReplicas') >= updated;
}

export function hasHealthInterpreter(object: KubeObject): boolean {
  return gvkKey(object) in healthInterpreters;
}

/**
 * InterpretHealth of a member object, as the work-status controller records it: kinds without a health rule (ConfigMap,
 * Job, …) count as Healthy, as in Karmada.
 */
export function interpretHealth(object: KubeObject): ResourceHealth {
  const interpreter = healthInterpreters[gvkKey(object)];
  if (!interpreter) return 'Healthy';
  return interpreter(object) ? 'Healthy' : 'Unhealthy';
}
