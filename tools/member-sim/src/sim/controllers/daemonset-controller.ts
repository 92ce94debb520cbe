import type { KubeObject } from '@karmada-ts/kube';
import { nodeNameOf } from '../pod-status.js';
import { controllerRef, resources, type SimContext } from '../sim-context.js';
import { daemonSetStatus } from '../workload-status.js';
import { activePods, countReady, obj, podFromTemplate, templateOf } from './helpers.js';

function nodeEligible(node: KubeObject, nodeSelector: Record<string, string>): boolean {
  const labels = node.metadata.labels ?? {};
  return obj(node['spec'])['unschedulable'] !== true && Object.entries(nodeSelector).every(([k, v]) => labels[k] === v);
}

/** DaemonSet → one pod per eligible node, bound to it directly. */
export async function reconcileDaemonSet(ctx: SimContext, namespace: string, name: string): Promise<void> {
  const ds = ctx.peek(resources.daemonsets, namespace, name);
  if (!ds || ds.metadata.deletionTimestamp) return;
  const template = templateOf(ds);
  const nodeSelector = obj(obj(template['spec'])['nodeSelector']) as Record<string, string>;
  const eligible = new Set(
    ctx
      .list(resources.nodes)
      .filter((n) => nodeEligible(n, nodeSelector))
      .map((n) => n.metadata.name ?? ''),
  );
  const pods = activePods(ctx.owned(ds, resources.pods));
  const covered = new Set<string>();
  for (const pod of pods) {
    const node = nodeNameOf(pod) ?? '';
    if (!eligible.has(node) || covered.has(node)) await ctx.delete(resources.pods, namespace, pod.metadata.name ?? '');
    else covered.add(node);
  }
  for (const node of eligible) {
    if (covered.has(node)) continue;
    await ctx.create(resources.pods, podFromTemplate(ds, template, { generateName: `${name}-`, ownerReferences: [controllerRef(ds)] }, { nodeName: node }));
  }
  const fresh = ctx.peek(resources.daemonsets, namespace, name);
  if (!fresh) return;
  const now = activePods(ctx.owned(fresh, resources.pods));
  await ctx.writeStatus(resources.daemonsets, fresh, daemonSetStatus(fresh, eligible.size, { total: now.length, ready: countReady(now) }));
}
