import type { KubeObject } from '../api/meta.js';
import { KarmadaAnnotation } from '../api/well-known.js';
import { BuiltinKind, gvkKey } from './kinds.js';
import { arrayAt, deepCopy, numberAt, recordAt, stringAt, valueAt, type JsonObject } from './unstructured.js';

type StatusReflector = (object: KubeObject, status: JsonObject) => JsonObject | undefined;

/**
 * Karmada's ReflectStatus: which part of a member object's .status is copied into Work.status.manifestStatuses and
 * then the binding's aggregatedStatus. Fields come out in Go's field order and with Go's omitempty rules, so the JSON
 * reads as Karmada's.
 *
 * Beyond Karmada: Deployment, StatefulSet, ReplicaSet and DaemonSet also keep the member's `conditions`, so the
 * template's status can show each member's conditions (see aggregateTemplateStatus). StatefulSet also keeps
 * `observedGeneration`, which Karmada drops although its aggregation needs it.
 */
const reflectors: Record<string, StatusReflector> = {
  [BuiltinKind.Deployment]: (o, s) =>
    nonEmpty({
      ...federatedGeneration(o),
      ...pick(s, ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']),
      ...conditionsOf(s),
    }),
  [BuiltinKind.ReplicaSet]: (o, s) => ({
    ...federatedGeneration(o),
    replicas: numberAt(s, 'replicas') ?? 0,
    ...pick(s, ['readyReplicas', 'availableReplicas', 'observedGeneration']),
    ...conditionsOf(s),
  }),
  [BuiltinKind.StatefulSet]: (o, s) => ({
    ...federatedGeneration(o),
    ...pick(s, ['observedGeneration']),
    replicas: numberAt(s, 'replicas') ?? 0,
    ...pick(s, ['readyReplicas', 'currentReplicas', 'updatedReplicas']),
    ...conditionsOf(s),
    availableReplicas: numberAt(s, 'availableReplicas') ?? 0,
  }),
  [BuiltinKind.DaemonSet]: (o, s) => ({
    ...federatedGeneration(o),
    currentNumberScheduled: numberAt(s, 'currentNumberScheduled') ?? 0,
    numberMisscheduled: numberAt(s, 'numberMisscheduled') ?? 0,
    desiredNumberScheduled: numberAt(s, 'desiredNumberScheduled') ?? 0,
    numberReady: numberAt(s, 'numberReady') ?? 0,
    ...pick(s, ['observedGeneration', 'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable']),
    ...conditionsOf(s),
  }),
  // Only a LoadBalancer Service has a status worth reflecting: its load-balancer ingress points.
  [BuiltinKind.Service]: (o, s) => (stringAt(o, 'spec', 'type') === 'LoadBalancer' ? { loadBalancer: deepCopy(recordAt(s, 'loadBalancer') ?? {}) } : undefined),
  [BuiltinKind.Job]: (_o, s) => ({
    ...conditionsOf(s),
    ...copyOf(s, ['startTime', 'completionTime']),
    ...pick(s, ['active', 'succeeded', 'failed']),
  }),
  [BuiltinKind.PodDisruptionBudget]: (_o, s) => ({
    ...copyOf(s, ['disruptedPods']),
    disruptionsAllowed: numberAt(s, 'disruptionsAllowed') ?? 0,
    currentHealthy: numberAt(s, 'currentHealthy') ?? 0,
    desiredHealthy: numberAt(s, 'desiredHealthy') ?? 0,
    expectedPods: numberAt(s, 'expectedPods') ?? 0,
  }),
  'autoscaling/v2/HorizontalPodAutoscaler': (_o, s) => ({ ...pick(s, ['currentReplicas']), desiredReplicas: numberAt(s, 'desiredReplicas') ?? 0 }),
};

/**
 * The reflected status of a member object; undefined when the object has no status yet (or, for a Service, is not a
 * LoadBalancer). Kinds without their own rule reflect their whole .status.
 */
export function reflectStatus(object: KubeObject): JsonObject | undefined {
  const status = recordAt(object, 'status');
  if (!status) return undefined;
  const reflector = reflectors[gvkKey(object)];
  return reflector ? reflector(object, status) : deepCopy(status);
}

/** The member's generation and the resource-template generation it was rendered from, for observedGeneration. */
function federatedGeneration(object: KubeObject): JsonObject {
  const generation = object.metadata.generation ?? 0;
  const parsed = Number.parseInt(object.metadata.annotations?.[KarmadaAnnotation.ResourceTemplateGeneration] ?? '', 10);
  const templateGeneration = Number.isFinite(parsed) ? parsed : 0;
  return { ...(generation ? { generation } : {}), ...(templateGeneration ? { resourceTemplateGeneration: templateGeneration } : {}) };
}

/** Numbers that are set and non-zero (Go's omitempty on int fields). */
function pick(status: JsonObject, fields: readonly string[]): JsonObject {
  return Object.fromEntries(fields.flatMap((field) => {
    const value = numberAt(status, field);
    return value ? [[field, value]] : [];
  }));
}

/** Values that are set, copied. */
function copyOf(status: JsonObject, fields: readonly string[]): JsonObject {
  return Object.fromEntries(fields.flatMap((field) => {
    const value = valueAt(status, field);
    return value === undefined || value === null ? [] : [[field, deepCopy(value)]];
  }));
}

function conditionsOf(status: JsonObject): JsonObject {
  const conditions = arrayAt(status, 'conditions');
  return conditions && conditions.length > 0 ? { conditions: deepCopy(conditions) } : {};
}

/** Karmada records no status at all for an all-zero Deployment status ("{}"): it has not been collected yet. */
function nonEmpty(status: JsonObject): JsonObject | undefined {
  return Object.keys(status).length > 0 ? status : undefined;
}
