import {
  aggregates,
  BindingCleanedUp,
  BindingStatusAggregated,
  PlacementDecided,
  WorkCleanedUp,
  WorkStatusReported,
  type BindingRefJson,
} from '@karmada-ts/contracts';
import { isJsonObject, type JsonObject, type KubeObject, type ObjectKey } from '@karmada-ts/kube';
import { bindingResourceOf, works } from './object-bases.js';
import type { ObjectPart, PartContent } from './object-parts.js';
import { inNamespace } from './object-subjects.js';

/**
 * The parts of the objects the controllers derive (docs/event-model.md): a binding's placement (scheduler-svc) and
 * aggregated status (binding-svc), a Work's status (executor-svc). These objects are read-only through the API, so
 * no part is ever stripped from a write. The end of a cleanup (BindingCleanedUp, WorkCleanedUp) ends the object.
 */

/** Writers that say `uid: ''` mean "not known": such content describes whichever object has the name. */
function uidOf(uid: string | undefined): string | undefined {
  return uid ? uid : undefined;
}

function bindingKeyOf(binding: BindingRefJson): ObjectKey {
  return { ...bindingResourceOf(binding.kind), namespace: binding.namespace ?? '', name: binding.name };
}

const ended = (seq: number, uid: string | undefined): PartContent => ({ uid: uidOf(uid), data: { ended: true }, seq });
const endsLife = (content: PartContent) => content.data['ended'] === true;
const keepObject = (object: KubeObject) => object;

function statusOf(object: KubeObject): JsonObject {
  return isJsonObject(object['status']) ? object['status'] : {};
}

/** Conditions with those of `updates` replacing the ones of the same type, order kept, new types appended. */
export function withConditions(current: unknown, updates: readonly unknown[]): JsonObject[] {
  const list = (Array.isArray(current) ? current : []).filter(isJsonObject);
  const incoming = updates.filter(isJsonObject);
  const replaced = list.map((c) => incoming.find((u) => u['type'] === c['type']) ?? c);
  return [...replaced, ...incoming.filter((u) => !list.some((c) => c['type'] === u['type']))];
}

const appliedPlacementAnnotation = 'policy.karmada.io/applied-placement';

/**
 * scheduler-svc's decision: `spec.clusters` and `spec.gracefulEvictionTasks`, the Scheduled condition, the last
 * scheduled time and observed affinity in status, and the placement it applied as Karmada's annotation. The
 * per-cluster explanation is not merged (its size grows with the fleet); the /explain API serves it.
 */
export const placementPart: ObjectPart = {
  name: 'placement',
  base: 'binding',
  ownsStatus: true,
  addsLabels: false,
  subject: (subjects, key) => subjects.placement(key.namespace || undefined, key.name),
  filter: (subjects, _resource, namespace) => inNamespace(subjects.aggregateFilter(aggregates.placement), namespace),
  read(event, seq) {
    if (!PlacementDecided.is(event)) return undefined;
    const { binding, clusters, gracefulEvictionTasks, scheduledCondition, schedulerObservingAffinityName, lastScheduledTime, appliedPlacement } = event.data;
    const data: JsonObject = {
      clusters: clusters as unknown as JsonObject[],
      gracefulEvictionTasks: gracefulEvictionTasks as unknown as JsonObject[],
      scheduledCondition: scheduledCondition as JsonObject,
      ...(schedulerObservingAffinityName ? { schedulerObservingAffinityName } : {}),
      ...(lastScheduledTime ? { lastScheduledTime } : {}),
      ...(appliedPlacement ? { appliedPlacement } : {}),
    };
    return { key: bindingKeyOf(binding), content: { uid: uidOf(binding.uid), data, seq } };
  },
  merge(object, content) {
    const { clusters, gracefulEvictionTasks, scheduledCondition, schedulerObservingAffinityName, lastScheduledTime, appliedPlacement } = content.data;
    const spec: JsonObject = { ...(isJsonObject(object['spec']) ? object['spec'] : {}), clusters: Array.isArray(clusters) ? clusters : [] };
    if (Array.isArray(gracefulEvictionTasks) && gracefulEvictionTasks.length > 0) spec['gracefulEvictionTasks'] = gracefulEvictionTasks;
    const status: JsonObject = { ...statusOf(object) };
    if (isJsonObject(scheduledCondition) && Object.keys(scheduledCondition).length > 0) status['conditions'] = withConditions(status['conditions'], [scheduledCondition]);
    if (typeof lastScheduledTime === 'string') status['lastScheduledTime'] = lastScheduledTime;
    if (typeof schedulerObservingAffinityName === 'string') status['schedulerObservingAffinityName'] = schedulerObservingAffinityName;
    const metadata = typeof appliedPlacement === 'string'
      ? { ...object.metadata, annotations: { ...object.metadata.annotations, [appliedPlacementAnnotation]: appliedPlacement } }
      : object.metadata;
    return { ...object, metadata, spec, status };
  },
  strip: keepObject,
};

/** binding-svc's aggregation of the binding's Works: `status.aggregatedStatus` and the FullyApplied condition. */
export const bindingStatusPart: ObjectPart = {
  name: 'bindingstatus',
  base: 'binding',
  ownsStatus: true,
  addsLabels: false,
  subject: (subjects, key) => subjects.bindingStatus(key.namespace || undefined, key.name),
  filter: (subjects, _resource, namespace) => inNamespace(subjects.aggregateFilter(aggregates.bindingStatus), namespace),
  read(event, seq) {
    if (BindingStatusAggregated.is(event)) {
      const { binding, aggregatedStatus, conditions } = event.data;
      const data: JsonObject = { aggregatedStatus: aggregatedStatus as unknown as JsonObject[], conditions: conditions as unknown as JsonObject[] };
      return { key: bindingKeyOf(binding), content: { uid: uidOf(binding.uid), data, seq } };
    }
    if (BindingCleanedUp.is(event)) return { key: bindingKeyOf(event.data.binding), content: ended(seq, event.data.binding.uid) };
    return undefined;
  },
  merge(object, content) {
    const { aggregatedStatus, conditions } = content.data;
    const status: JsonObject = { ...statusOf(object), conditions: withConditions(statusOf(object)['conditions'], Array.isArray(conditions) ? conditions : []) };
    if (Array.isArray(aggregatedStatus) && aggregatedStatus.length > 0) status['aggregatedStatus'] = aggregatedStatus;
    return { ...object, status };
  },
  ends: endsLife,
  strip: keepObject,
};

/** executor-svc's report on a Work: its whole status (Applied, manifest statuses). */
export const workStatusPart: ObjectPart = {
  name: 'workstatus',
  base: 'work',
  ownsStatus: true,
  addsLabels: false,
  subject: (subjects, key) => subjects.workStatus(key.namespace, key.name),
  filter: (subjects, _resource, namespace) => inNamespace(subjects.aggregateFilter(aggregates.workStatus), namespace),
  read(event, seq) {
    if (WorkStatusReported.is(event)) {
      const { work, status } = event.data;
      return { key: { ...works, namespace: work.namespace, name: work.name }, content: { uid: uidOf(work.uid), data: { status: status as JsonObject }, seq } };
    }
    if (WorkCleanedUp.is(event)) {
      const { work } = event.data;
      return { key: { ...works, namespace: work.namespace, name: work.name }, content: ended(seq, work.uid) };
    }
    return undefined;
  },
  merge: (object, content) => ({ ...object, status: content.data['status'] }),
  ends: endsLife,
  strip: keepObject,
};
