import { isJsonObject, parseResourceList, quantityToMilli, type KubeObject } from '@karmada-ts/kube';
import { scheduledPod, unschedulablePodStatus } from '../pod-status.js';
import { choosePlacement, placementRequests, type SchedulableNode } from '../scheduling.js';
import { resources, type SimContext } from '../sim-context.js';
import { obj, specOf } from './helpers.js';

/** What scheduling reads of a node object, parsed once per stored version of it (stored objects are never mutated). */
const parsedNodes = new WeakMap<KubeObject, Omit<SchedulableNode, 'allocated'>>();

function parseNode(node: KubeObject): Omit<SchedulableNode, 'allocated'> {
  let parsed = parsedNodes.get(node);
  if (parsed) return parsed;
  const status = obj(node['status']);
  const allocatable = parseResourceList(obj(status['allocatable']));
  if (allocatable['pods'] === undefined) allocatable['pods'] = quantityToMilli(110);
  const conditions = Array.isArray(status['conditions']) ? status['conditions'] : [];
  parsed = {
    name: node.metadata.name ?? '',
    labels: node.metadata.labels ?? {},
    allocatable,
    ready: conditions.some((c) => isJsonObject(c) && c['type'] === 'Ready' && c['status'] === 'True'),
    unschedulable: specOf(node)['unschedulable'] === true,
    taints: Array.isArray(specOf(node)['taints']) ? (specOf(node)['taints'] as SchedulableNode['taints']) : [],
  };
  parsedNodes.set(node, parsed);
  return parsed;
}

function schedulableNode(ctx: SimContext, node: KubeObject): SchedulableNode {
  const parsed = parseNode(node);
  return { ...parsed, allocated: ctx.state.allocatedOn(parsed.name) };
}

/** Binds every unscheduled pod to the first node that fits, or records why none does. */
export async function schedulePendingPods(ctx: SimContext): Promise<void> {
  if (ctx.state.pending.size === 0) return;
  const nodes = ctx
    .list(resources.nodes)
    .sort((a, b) => String(a.metadata.name).localeCompare(String(b.metadata.name)));
  for (const ref of [...ctx.state.pending.values()]) {
    const pod = ctx.peekRef(ref);
    if (!pod || pod.metadata.deletionTimestamp) continue;
    const spec = specOf(pod);
    const candidates = nodes.map((n) => schedulableNode(ctx, n));
    const placement = choosePlacement(
      placementRequests(pod),
      obj(spec['nodeSelector']) as Record<string, string>,
      Array.isArray(spec['tolerations']) ? spec['tolerations'] : [],
      candidates,
    );
    if ('node' in placement) await ctx.update(resources.pods, scheduledPod(pod, placement.node, ctx.now()), { preserveStatus: true });
    else await ctx.writeStatus(resources.pods, pod, unschedulablePodStatus(pod, placement.unschedulable, ctx.now()));
  }
}
