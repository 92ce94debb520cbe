import type { AggregatedStatusItem } from '../api/work.js';
import { deepCopy, isRecord, recordsAt, type JsonObject } from '../interpret/unstructured.js';

/**
 * Beyond Karmada: the conditions each member cluster reports on its copy of a resource, listed on the resource
 * template so `kubectl describe` and `kubectl get -o yaml` on the control plane show them.
 *
 * Each member condition keeps its status, reason, message and times; its type is prefixed with the cluster name and a
 * slash: `member1/Available`, `member2/Progressing`, `member1/Complete`. A cluster name is a DNS subdomain, so the
 * result is a valid qualified condition type, unique per cluster, and never collides with the template's own
 * (unprefixed) conditions. Read one with
 * `kubectl get deploy nginx -o jsonpath='{.status.conditions[?(@.type=="member1/Available")].status}'`.
 */
export function memberConditions(items: readonly AggregatedStatusItem[]): JsonObject[] {
  return [...items]
    .sort((a, b) => (a.clusterName < b.clusterName ? -1 : a.clusterName > b.clusterName ? 1 : 0))
    .flatMap((item) =>
      recordsAt(item.status, 'conditions')
        .filter((condition) => typeof condition['type'] === 'string' && condition['type'] !== '')
        .map((condition) => ({ ...deepCopy(condition), type: `${item.clusterName}/${String(condition['type'])}` })),
    );
}

/** Whether a condition type is a member condition (cluster-prefixed) rather than one of the template's own. */
export function isMemberConditionType(type: unknown): boolean {
  return typeof type === 'string' && type.includes('/');
}

/**
 * A status whose member conditions are the given items' (replacing earlier ones, so clusters no longer targeted
 * disappear), after the status's own conditions. A status left without conditions has no `conditions` field.
 */
export function withMemberConditions(status: JsonObject, items: readonly AggregatedStatusItem[]): JsonObject {
  const own = recordsAt(status, 'conditions').filter((condition) => !isMemberConditionType(condition['type']));
  const conditions = [...own, ...memberConditions(items)];
  const next: JsonObject = { ...status };
  if (conditions.length > 0) next['conditions'] = conditions;
  else delete next['conditions'];
  return next;
}

/** The status of an item when it is an object (what reflectStatus recorded), else undefined. */
export function itemStatus(item: AggregatedStatusItem): JsonObject | undefined {
  return isRecord(item.status) ? item.status : undefined;
}
