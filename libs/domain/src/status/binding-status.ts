import { BindingConditionType, FullyAppliedMessage, FullyAppliedReason, WorkConditionType } from '../api/well-known.js';
import type { AggregatedStatusItem, AnyResourceBinding, ResourceBindingSpec, ResourceBindingStatus, Work } from '../api/work.js';
import { deepCopy, groupOf, versionOf } from '../interpret/unstructured.js';
import { clusterOfWork, worksOfBinding } from '../render/orphan-works.js';
import { clustersKeepingWorks } from '../render/target-clusters.js';
import { findCondition, setCondition, type ConditionUpdate } from './conditions.js';
import { manifestIndex } from './work-status.js';

/**
 * One item per Work of the binding (Karmada's assembleWorkStatus), sorted by cluster name: `applied` when the Work's
 * Applied condition is True (the field is omitted otherwise, as Go's omitempty does), the condition's message when it
 * is False or Unknown, and the binding resource's status and health from the Work's manifest statuses. Until a
 * manifest status arrives the health is Unknown. Works being deleted, and Works that do not carry the binding's
 * resource, are left out.
 */
export function aggregatedStatusItems(binding: AnyResourceBinding, works: readonly Work[]): AggregatedStatusItem[] {
  const resource = binding.spec.resource;
  const items: AggregatedStatusItem[] = [];
  for (const work of worksOfBinding(binding, works)) {
    const clusterName = clusterOfWork(work);
    if (work.metadata.deletionTimestamp || clusterName === undefined) continue;
    const ordinal = manifestIndex(work, { apiVersion: resource.apiVersion, kind: resource.kind, metadata: { name: resource.name, ...(resource.namespace ? { namespace: resource.namespace } : {}) } });
    if (ordinal === -1) continue;
    const applied = findCondition(work.status?.conditions, WorkConditionType.Applied);
    if (applied?.status !== 'True') {
      items.push({ clusterName, ...(applied?.message ? { appliedMessage: applied.message } : {}), health: 'Unknown' });
      continue;
    }
    const manifest = work.status?.manifestStatuses?.find(
      (m) =>
        m.identifier.ordinal === ordinal &&
        m.identifier.group === groupOf(resource.apiVersion) &&
        m.identifier.version === versionOf(resource.apiVersion) &&
        m.identifier.kind === resource.kind &&
        (m.identifier.namespace ?? '') === (resource.namespace ?? '') &&
        m.identifier.name === resource.name,
    );
    items.push({
      clusterName,
      ...(manifest?.status === undefined ? {} : { status: deepCopy(manifest.status) }),
      applied: true,
      health: manifest?.health ?? 'Unknown',
    });
  }
  return items.sort((a, b) => (a.clusterName < b.clusterName ? -1 : a.clusterName > b.clusterName ? 1 : 0));
}

/**
 * FullyApplied (Karmada's generateFullyAppliedCondition): True when the binding has target clusters (spec.clusters,
 * requiredBy clusters, clusters under a non-Directly eviction task), exactly one item per such cluster, and every item
 * applied; False otherwise, including before scheduling.
 */
export function fullyAppliedCondition(spec: ResourceBindingSpec, items: readonly AggregatedStatusItem[]): ConditionUpdate {
  const targets = clustersKeepingWorks(spec);
  const fully = targets.size > 0 && targets.size === items.length && items.every((item) => item.applied === true && targets.has(item.clusterName));
  return fully
    ? { type: BindingConditionType.FullyApplied, status: 'True', reason: FullyAppliedReason.Success, message: FullyAppliedMessage.Success }
    : { type: BindingConditionType.FullyApplied, status: 'False', reason: FullyAppliedReason.Failed, message: FullyAppliedMessage.Failed };
}

/** The binding's status with aggregatedStatus rebuilt from its Works and FullyApplied set; other fields unchanged. */
export function aggregateBindingStatus(binding: AnyResourceBinding, works: readonly Work[], now: string): ResourceBindingStatus {
  const aggregatedStatus = aggregatedStatusItems(binding, works);
  return {
    ...deepCopy(binding.status ?? {}),
    aggregatedStatus,
    conditions: setCondition(binding.status?.conditions, fullyAppliedCondition(binding.spec, aggregatedStatus), now),
  };
}
