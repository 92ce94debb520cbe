import { ClusterConditionType, ClusterReadyReason, ClusterTaintKey } from '../api/cluster.js';
import type { Condition, Taint } from '../api/meta.js';

/** The taint keys cluster-svc owns; every other taint on a Cluster belongs to its users (or karmadactl). */
export const controllerTaintKeys: readonly string[] = [ClusterTaintKey.NotReady, ClusterTaintKey.Unreachable];

/**
 * The taints cluster-svc keeps on a cluster for its published Ready condition: `not-ready` or `unreachable`
 * (by the condition's reason) with effect NoSchedule while the cluster is not Ready, plus the same key with effect
 * NoExecute once it has been not Ready for longer than the grace period (what failover acts on). A cluster without a
 * Ready condition yet is not-ready:NoSchedule, as in Karmada. `timeAdded` is kept from the current taints so that an
 * unchanged taint stays byte-identical and produces no event.
 */
export function controllerTaints(
  ready: Condition | undefined,
  current: readonly Taint[],
  now: string,
  noExecuteGraceMs: number,
): Taint[] {
  if (ready?.status === 'True') return [];
  const key = ready?.reason === ClusterReadyReason.ClusterNotReachable ? ClusterTaintKey.Unreachable : ClusterTaintKey.NotReady;
  const notReadyFor = ready ? Date.parse(now) - Date.parse(ready.lastTransitionTime) : 0;
  const effects: Taint['effect'][] = notReadyFor > noExecuteGraceMs ? ['NoSchedule', 'NoExecute'] : ['NoSchedule'];
  return effects.map((effect) => {
    const existing = current.find((t) => t.key === key && t.effect === effect);
    return { key, effect, timeAdded: existing?.timeAdded ?? now };
  });
}

/** When the NoExecute taint will be due, so the controller can wake up then instead of polling. */
export function noExecuteDueAt(ready: Condition | undefined, noExecuteGraceMs: number): string | undefined {
  if (!ready || ready.status === 'True' || ready.type !== ClusterConditionType.Ready) return undefined;
  return new Date(Date.parse(ready.lastTransitionTime) + noExecuteGraceMs + 1).toISOString();
}

/** A cluster's taints with the controller-owned ones replaced. */
export function withControllerTaints(all: readonly Taint[], controller: readonly Taint[]): Taint[] {
  return [...all.filter((t) => !controllerTaintKeys.includes(t.key)), ...controller];
}
