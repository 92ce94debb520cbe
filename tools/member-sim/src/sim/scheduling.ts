import { podRequests, quantityToMilli, type ResourceAmounts } from '@karmada-ts/kube';

/** First-fit pod placement by resource requests, node selector, taints and readiness (pure). */
export interface SchedulableNode {
  name: string;
  labels: Readonly<Record<string, string>>;
  /** Milli-units per resource, `pods` included (110 pods = 110000). */
  allocatable: ResourceAmounts;
  /** Requests of the pods bound to the node and not finished, `pods` counted 1000 per pod. */
  allocated: ResourceAmounts;
  ready: boolean;
  unschedulable: boolean;
  taints: readonly { key: string; value?: string; effect: string }[];
}

export type Placement = { node: string } | { unschedulable: string };

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

function tolerates(tolerations: readonly Toleration[], taint: SchedulableNode['taints'][number]): boolean {
  return tolerations.some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

/** The pod's requests plus one pod slot, in milli-units. */
export function placementRequests(pod: unknown): ResourceAmounts {
  return { ...podRequests(pod), pods: quantityToMilli(1) };
}

export function choosePlacement(
  requests: ResourceAmounts,
  nodeSelector: Readonly<Record<string, string>>,
  tolerations: readonly Toleration[],
  nodes: readonly SchedulableNode[],
): Placement {
  const reasons = new Map<string, number>();
  const reject = (reason: string): void => void reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  for (const node of nodes) {
    if (!node.ready) {
      reject('node(s) had untolerated taint {node.kubernetes.io/not-ready: }');
      continue;
    }
    if (node.unschedulable) {
      reject('node(s) were unschedulable');
      continue;
    }
    if (Object.entries(nodeSelector).some(([k, v]) => node.labels[k] !== v)) {
      reject("node(s) didn't match Pod's node affinity/selector");
      continue;
    }
    const taint = node.taints.find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(tolerations, t));
    if (taint) {
      reject(`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
      continue;
    }
    const short = Object.entries(requests).filter(([resource, amount]) => amount > 0n && (node.allocated[resource] ?? 0n) + amount > (node.allocatable[resource] ?? 0n));
    if (short.length > 0) {
      for (const [resource] of short) reject(resource === 'pods' ? 'Too many pods' : `Insufficient ${resource}`);
      continue;
    }
    return { node: node.name };
  }
  const detail = [...reasons].map(([reason, count]) => `${count} ${reason}`).join(', ');
  return { unschedulable: `0/${nodes.length} nodes are available: ${detail || 'no nodes available to schedule pods'}.` };
}
