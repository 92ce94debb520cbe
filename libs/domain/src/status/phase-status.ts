import type { KubeObject } from '../api/meta.js';
import type { AggregatedStatusItem } from '../api/work.js';
import { deepCopy, recordsAt, stringAt, type JsonObject } from '../interpret/unstructured.js';
import { itemStatus } from './member-conditions.js';

/** Worst first: the first phase any member is in wins. Unknown is deprecated and ignored, as in Karmada (#2137). */
const podPhaseOrder = ['Failed', 'Pending', 'Running', 'Succeeded'] as const;

/**
 * The template status of a Pod: the worst member phase (a member without status yet counts as Pending) and every
 * member's container and init-container statuses, reduced to ready and state. Undefined when there is no member yet.
 */
export function aggregatePodStatus(_template: KubeObject, items: readonly AggregatedStatusItem[]): JsonObject | undefined {
  if (items.length === 0) return undefined;
  const phases = new Set<string>();
  const containerStatuses: JsonObject[] = [];
  const initContainerStatuses: JsonObject[] = [];
  for (const item of items) {
    const member = itemStatus(item);
    if (!member) {
      phases.add('Pending');
      continue;
    }
    phases.add(stringAt(member, 'phase') ?? '');
    containerStatuses.push(...recordsAt(member, 'containerStatuses').map(readyAndState));
    initContainerStatuses.push(...recordsAt(member, 'initContainerStatuses').map(readyAndState));
  }
  const phase = podPhaseOrder.find((p) => phases.has(p));
  return {
    ...(phase ? { phase } : {}),
    containerStatuses,
    ...(initContainerStatuses.length > 0 ? { initContainerStatuses } : {}),
  };
}

function readyAndState(status: JsonObject): JsonObject {
  return { ready: status['ready'] === true, ...(status['state'] === undefined ? {} : { state: deepCopy(status['state']) }) };
}

/**
 * The template status of a PersistentVolumeClaim: Bound when every member is Bound, Lost as soon as one is lost,
 * else the phase of the last member that is not Bound. Members without status are skipped.
 */
export function aggregatePersistentVolumeClaimStatus(_template: KubeObject, items: readonly AggregatedStatusItem[]): JsonObject {
  let phase = 'Bound';
  for (const item of items) {
    const member = stringAt(itemStatus(item), 'phase');
    if (member === undefined) continue;
    if (member === 'Lost') return { phase: 'Lost' };
    if (member !== 'Bound') phase = member;
  }
  return { phase };
}
