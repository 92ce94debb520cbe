import type { KubeObject } from '@karmada-ts/kube';
import { isPodReady, nodeNameOf } from '../pod-status.js';
import { controllerRef, resources, type SimContext } from '../sim-context.js';
import { replicaSetStatus, replicasOf } from '../workload-status.js';
import { activePods, countReady, podFromTemplate, templateOf } from './helpers.js';

/** Which pods go first when scaling down: unscheduled, then not ready, then the newest. */
function deletionOrder(a: KubeObject, b: KubeObject): number {
  const rank = (p: KubeObject): number => (nodeNameOf(p) ? (isPodReady(p) ? 2 : 1) : 0);
  return rank(a) - rank(b) || String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp));
}

/** ReplicaSet → Pods: create or delete pods to match spec.replicas; status counts them. */
export async function reconcileReplicaSet(ctx: SimContext, namespace: string, name: string): Promise<void> {
  const rs = ctx.peek(resources.replicasets, namespace, name);
  if (!rs || rs.metadata.deletionTimestamp) return;
  const pods = activePods(ctx.owned(rs, resources.pods));
  const diff = replicasOf(rs) - pods.length;
  for (let i = 0; i < diff; i++) {
    await ctx.create(resources.pods, podFromTemplate(rs, templateOf(rs), { generateName: `${name}-`, ownerReferences: [controllerRef(rs)] }));
  }
  if (diff < 0) {
    for (const pod of [...pods].sort(deletionOrder).slice(0, -diff)) await ctx.delete(resources.pods, namespace, pod.metadata.name ?? '');
  }
  const fresh = ctx.peek(resources.replicasets, namespace, name);
  if (!fresh) return;
  const now = activePods(ctx.owned(fresh, resources.pods));
  await ctx.writeStatus(resources.replicasets, fresh, replicaSetStatus(fresh, { total: now.length, ready: countReady(now) }));
}
