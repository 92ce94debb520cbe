import { controllerRef, resources, type SimContext } from '../sim-context.js';
import { replicasOf, statefulSetStatus } from '../workload-status.js';
import { activePods, countReady, podFromTemplate, specOf, templateOf } from './helpers.js';

const revisionLabel = 'controller-revision-hash';

/**
 * StatefulSet → Pods `<name>-<ordinal>` (all at once, like podManagementPolicy: Parallel); pods of an older
 * template revision are replaced.
 */
export async function reconcileStatefulSet(ctx: SimContext, namespace: string, name: string): Promise<void> {
  const sts = ctx.peek(resources.statefulsets, namespace, name);
  if (!sts || sts.metadata.deletionTimestamp) return;
  const revision = `${name}-${ctx.templateHashOf(sts, templateOf(sts))}`;
  const replicas = replicasOf(sts);
  const pods = activePods(ctx.owned(sts, resources.pods));
  const byName = new Map(pods.map((p) => [p.metadata.name ?? '', p]));
  for (const pod of pods) {
    const ordinal = Number((pod.metadata.name ?? '').slice(name.length + 1));
    if (!(ordinal < replicas) || pod.metadata.labels?.[revisionLabel] !== revision) {
      await ctx.delete(resources.pods, namespace, pod.metadata.name ?? '');
      byName.delete(pod.metadata.name ?? '');
    }
  }
  for (let i = 0; i < replicas; i++) {
    const podName = `${name}-${i}`;
    if (byName.has(podName) || ctx.peek(resources.pods, namespace, podName)) continue;
    const pod = podFromTemplate(sts, templateOf(sts), { name: podName, ownerReferences: [controllerRef(sts)] }, { hostname: podName });
    pod.metadata.labels = { ...pod.metadata.labels, [revisionLabel]: revision, 'statefulset.kubernetes.io/pod-name': podName, 'apps.kubernetes.io/pod-index': String(i) };
    const serviceName = specOf(sts)['serviceName'];
    if (typeof serviceName === 'string' && serviceName) pod['spec'] = { ...(pod['spec'] as object), subdomain: serviceName };
    await ctx.create(resources.pods, pod);
  }
  const fresh = ctx.peek(resources.statefulsets, namespace, name);
  if (!fresh) return;
  const now = activePods(ctx.owned(fresh, resources.pods));
  const updated = now.filter((p) => p.metadata.labels?.[revisionLabel] === revision).length;
  await ctx.writeStatus(resources.statefulsets, fresh, statefulSetStatus(fresh, { total: now.length, ready: countReady(now), updated }, revision));
}
