import { ClusterConditionType, ClusterReadyReason } from '../api/cluster.js';
import type { Condition, ConditionStatus } from '../api/meta.js';

/**
 * What one health probe of a member's API server found. The detail goes to logs and explanations; the condition keeps
 * Karmada's exact messages so tooling written for Karmada reads them unchanged.
 */
export type HealthProbe =
  | { readonly outcome: 'healthy' }
  | { readonly outcome: 'unhealthy'; readonly detail: string }
  | { readonly outcome: 'unreachable'; readonly detail: string };

/** The Ready condition a probe result stands for, with Karmada's reasons and messages. */
export function readyConditionFor(probe: HealthProbe, now: string): Condition {
  switch (probe.outcome) {
    case 'healthy':
      return condition('True', ClusterReadyReason.ClusterReady, 'cluster is healthy and ready to accept workloads', now);
    case 'unhealthy':
      return condition('False', ClusterReadyReason.ClusterNotReady, 'cluster is reachable but health endpoint responded without ok', now);
    case 'unreachable':
      return condition('False', ClusterReadyReason.ClusterNotReachable, 'cluster is not reachable', now);
    default:
      return assertNever(probe);
  }
}

function condition(status: ConditionStatus, reason: string, message: string, now: string): Condition {
  return { type: ClusterConditionType.Ready, status, reason, message, lastTransitionTime: now };
}

function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
