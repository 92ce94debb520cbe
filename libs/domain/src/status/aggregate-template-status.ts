import type { KubeObject } from '../api/meta.js';
import type { AggregatedStatusItem } from '../api/work.js';
import { BuiltinKind, gvkKey } from '../interpret/kinds.js';
import { sameJson, type JsonObject } from '../interpret/unstructured.js';
import { aggregateJobStatus } from './job-status.js';
import { aggregateIngressStatus, aggregateServiceStatus } from './load-balancer-status.js';
import { withMemberConditions } from './member-conditions.js';
import { aggregatePersistentVolumeClaimStatus, aggregatePodStatus } from './phase-status.js';
import { aggregateWorkloadStatus, DaemonSetCounters, DeploymentCounters, ReplicaSetCounters, StatefulSetCounters } from './workload-status.js';

/** A kind's aggregation: the template's new status, or undefined to leave the template as it is. */
type StatusAggregator = (template: KubeObject, items: readonly AggregatedStatusItem[], now: string) => JsonObject | undefined;

const aggregators: Record<string, StatusAggregator> = {
  [BuiltinKind.Deployment]: (t, items) => aggregateWorkloadStatus(t, items, DeploymentCounters),
  [BuiltinKind.StatefulSet]: (t, items) => aggregateWorkloadStatus(t, items, StatefulSetCounters),
  [BuiltinKind.ReplicaSet]: (t, items) => aggregateWorkloadStatus(t, items, ReplicaSetCounters),
  [BuiltinKind.DaemonSet]: (t, items) => aggregateWorkloadStatus(t, items, DaemonSetCounters),
  [BuiltinKind.Job]: aggregateJobStatus,
  [BuiltinKind.Service]: aggregateServiceStatus,
  [BuiltinKind.Ingress]: aggregateIngressStatus,
  [BuiltinKind.Pod]: aggregatePodStatus,
  [BuiltinKind.PersistentVolumeClaim]: aggregatePersistentVolumeClaimStatus,
};

export function hasStatusAggregator(template: KubeObject): boolean {
  return gvkKey(template) in aggregators;
}

/**
 * The resource template with its .status aggregated from the binding's aggregatedStatus (Karmada's AggregateStatus
 * interpreter), for Deployment, StatefulSet, ReplicaSet, DaemonSet, Job, Service, Ingress, Pod and
 * PersistentVolumeClaim; see each aggregator for its rule. Beyond Karmada, the members' conditions are listed too
 * (see memberConditions: types prefixed with the cluster name). The template itself is returned, untouched, when its
 * kind has no aggregator, when the aggregator leaves it alone (a finished Job, a non-LoadBalancer Service) and when
 * the status would not change, so callers can skip the write by comparing references.
 */
export function aggregateTemplateStatus(template: KubeObject, items: readonly AggregatedStatusItem[], now: string): KubeObject {
  const aggregate = aggregators[gvkKey(template)];
  const aggregated = aggregate?.(template, items, now);
  if (!aggregated) return template;
  const status = withMemberConditions(aggregated, items);
  if (sameJson(status, template.status ?? {})) return template;
  return { ...template, status };
}
