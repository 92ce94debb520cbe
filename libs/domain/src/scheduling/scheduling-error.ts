import { compareNames } from './compare-names.js';
import type { PluginResult } from './framework.js';

/**
 * Why a scheduling attempt failed, as Karmada classifies it:
 * - FitError: no cluster passed the filters (condition reason NoClusterFit, the result is cleared);
 * - Unschedulable: not enough available replicas (reason Unschedulable, retried with backoff);
 * - SchedulerError: anything else, e.g. spread constraints that cannot be met (reason SchedulerError, retried).
 * Messages are Karmada's, including its "failed to ...: " wrapping, because they end up in the Scheduled condition.
 */
export type SchedulingError =
  | { readonly kind: 'FitError'; readonly message: string }
  | { readonly kind: 'Unschedulable'; readonly message: string }
  | { readonly kind: 'SchedulerError'; readonly message: string };

/** A step's value, or the error that stopped scheduling. */
export type SchedulingOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: SchedulingError };

/**
 * FitError's message: "0/5 clusters are available: 2 cluster(s) had untolerated taint {...}, 3 cluster(s) did not
 * match the placement cluster affinity constraint." Each reason is counted over the rejected clusters and the
 * "<count> <reason>" strings are sorted as strings, exactly as Karmada does.
 */
export function fitErrorMessage(numAllClusters: number, rejected: readonly PluginResult[]): string {
  const counts = new Map<string, number>();
  for (const result of rejected) {
    for (const reason of result.reasons) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  if (numAllClusters === 0 || rejected.length === 0) return `0/${numAllClusters} clusters are available: no cluster exists.`;
  const histogram = [...counts].map(([reason, count]) => `${count} ${reason}`).sort(compareNames);
  return `0/${numAllClusters} clusters are available: ${histogram.join(', ')}.`;
}
