import { isJsonObject, type KubeObject } from '@karmada-ts/kube';
import { isPodReady, nodeNameOf, podPhase, runningPodStatus, succeededPodStatus } from '../pod-status.js';
import { resources, type SimContext } from '../sim-context.js';
import { obj } from './helpers.js';

/**
 * The simulated kubelets of a cluster: a bound pod becomes Running and Ready `podReadySeconds` after binding;
 * pods of Jobs then succeed after as long again. One shared timer queue, no timer per pod.
 */
export class Kubelet {
  private readonly started = new Set<string>();
  private nextIp = 2;

  constructor(private readonly ctx: SimContext) {}

  observe(pod: KubeObject | undefined, previous: KubeObject | undefined): void {
    if (!pod) {
      if (previous?.metadata.uid) this.started.delete(previous.metadata.uid);
      return;
    }
    const uid = pod.metadata.uid ?? '';
    if (!nodeNameOf(pod) || pod.metadata.deletionTimestamp || this.started.has(uid) || podPhase(pod) !== 'Pending') return;
    this.started.add(uid);
    const ref = { namespace: pod.metadata.namespace ?? '', name: pod.metadata.name ?? '', uid };
    this.ctx.timers.schedule(this.ctx.podReadyMs, () => void this.run(ref).catch((e) => console.error('member-sim kubelet:', e)));
  }

  private async run(ref: { namespace: string; name: string; uid: string }): Promise<void> {
    const pod = this.ctx.peek(resources.pods, ref.namespace, ref.name);
    if (!pod || pod.metadata.uid !== ref.uid || pod.metadata.deletionTimestamp || isPodReady(pod) || podPhase(pod) !== 'Pending') return;
    const node = this.ctx.peek(resources.nodes, '', nodeNameOf(pod) ?? '');
    const address = (Array.isArray(obj(node?.['status'])['addresses']) ? (obj(node!['status'])['addresses'] as unknown[]) : []).find(
      (a) => isJsonObject(a) && a['type'] === 'InternalIP',
    );
    const hostIP = isJsonObject(address) ? String(address['address']) : '172.18.0.1';
    const n = this.nextIp++;
    const podIP = `10.244.${(n >> 8) & 255}.${n & 255}`;
    const running = await this.ctx.writeStatus(resources.pods, pod, runningPodStatus(pod, hostIP, podIP, this.ctx.now()));
    if (running && pod.metadata.ownerReferences?.some((o) => o.kind === 'Job' && o.controller === true)) {
      this.ctx.timers.schedule(this.ctx.podReadyMs, () => void this.complete(ref).catch((e) => console.error('member-sim kubelet:', e)));
    }
  }

  private async complete(ref: { namespace: string; name: string; uid: string }): Promise<void> {
    const pod = this.ctx.peek(resources.pods, ref.namespace, ref.name);
    if (!pod || pod.metadata.uid !== ref.uid || podPhase(pod) !== 'Running') return;
    await this.ctx.writeStatus(resources.pods, pod, succeededPodStatus(pod, this.ctx.now()));
  }
}
