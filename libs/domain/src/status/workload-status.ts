import type { KubeObject } from '../api/meta.js';
import type { AggregatedStatusItem } from '../api/work.js';
import { numberAt, recordAt, type JsonObject } from '../interpret/unstructured.js';
import { itemStatus } from './member-conditions.js';

/** The counters a workload's status sums across members, and those Go always writes (no omitempty). */
export interface CounterSpec {
  readonly counters: readonly string[];
  readonly required: readonly string[];
}

export const DeploymentCounters: CounterSpec = {
  counters: ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'],
  required: [],
};
export const StatefulSetCounters: CounterSpec = {
  counters: ['replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas'],
  required: ['replicas', 'availableReplicas'],
};
export const ReplicaSetCounters: CounterSpec = { counters: ['replicas', 'readyReplicas', 'availableReplicas'], required: ['replicas'] };
export const DaemonSetCounters: CounterSpec = {
  counters: ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady', 'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable'],
  required: ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady'],
};

/**
 * The template status of a replicated workload (Karmada's Deployment, StatefulSet, ReplicaSet and DaemonSet
 * aggregation): the members' counters summed, other status fields kept. observedGeneration becomes the template's
 * generation only when every member reported a status whose observedGeneration reached its own generation and whose
 * resourcetemplate generation reached the template's; otherwise it keeps its old value (Argo CD reads it as "rolled
 * out"). For StatefulSet Karmada compares the resourcetemplate generation with the member's own generation instead,
 * which never tracks the template; the template generation is used here for all four kinds.
 */
export function aggregateWorkloadStatus(template: KubeObject, items: readonly AggregatedStatusItem[], spec: CounterSpec): JsonObject {
  const old = recordAt(template, 'status') ?? {};
  const generation = template.metadata.generation ?? 0;
  const totals = new Map(spec.counters.map((field) => [field, 0]));
  let observedLatest = 0;
  for (const item of items) {
    const member = itemStatus(item);
    if (!member) continue;
    for (const field of spec.counters) totals.set(field, (totals.get(field) ?? 0) + (numberAt(member, field) ?? 0));
    const memberGeneration = numberAt(member, 'generation') ?? 0;
    if ((numberAt(member, 'observedGeneration') ?? 0) >= memberGeneration && (numberAt(member, 'resourceTemplateGeneration') ?? 0) >= generation) observedLatest += 1;
  }
  const next: JsonObject = { ...old };
  const observedGeneration = observedLatest === items.length ? generation : (numberAt(old, 'observedGeneration') ?? 0);
  setCounter(next, 'observedGeneration', observedGeneration, false);
  for (const [field, total] of totals) setCounter(next, field, total, spec.required.includes(field));
  return next;
}

/** Go's omitempty on an int: a zero is written only for required fields. */
function setCounter(status: JsonObject, field: string, value: number, required: boolean): void {
  if (value !== 0 || required) status[field] = value;
  else delete status[field];
}
