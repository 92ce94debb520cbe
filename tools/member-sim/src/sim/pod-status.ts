import { isJsonObject, type JsonObject, type KubeObject } from '@karmada-ts/kube';

/** The pod statuses the simulated scheduler and kubelet write (pure). */
function containers(pod: KubeObject): JsonObject[] {
  const spec = isJsonObject(pod['spec']) ? pod['spec'] : {};
  return Array.isArray(spec['containers']) ? spec['containers'].filter(isJsonObject) : [];
}

function status(pod: KubeObject): JsonObject {
  return isJsonObject(pod['status']) ? pod['status'] : {};
}

function condition(type: string, value: string, now: string, reason?: string, message?: string): JsonObject {
  const c: JsonObject = { type, status: value, lastProbeTime: null, lastTransitionTime: now };
  if (reason) c['reason'] = reason;
  if (message) c['message'] = message;
  return c;
}

export function scheduledPod(pod: KubeObject, nodeName: string, now: string): KubeObject {
  return {
    ...pod,
    spec: { ...(pod['spec'] as JsonObject), nodeName },
    status: { ...status(pod), phase: 'Pending', conditions: [condition('PodScheduled', 'True', now)], qosClass: status(pod)['qosClass'] ?? 'BestEffort' },
  };
}

export function unschedulablePodStatus(pod: KubeObject, message: string, now: string): JsonObject {
  const previous = (Array.isArray(status(pod)['conditions']) ? (status(pod)['conditions'] as JsonObject[]) : []).find((c) => c['type'] === 'PodScheduled');
  const since = previous && previous['status'] === 'False' ? (previous['lastTransitionTime'] as string) : now;
  return { ...status(pod), phase: 'Pending', conditions: [condition('PodScheduled', 'False', since, 'Unschedulable', message)] };
}

export function runningPodStatus(pod: KubeObject, hostIP: string, podIP: string, now: string): JsonObject {
  return {
    phase: 'Running',
    conditions: [
      condition('PodReadyToStartContainers', 'True', now),
      condition('Initialized', 'True', now),
      condition('Ready', 'True', now),
      condition('ContainersReady', 'True', now),
      condition('PodScheduled', 'True', now),
    ],
    hostIP,
    hostIPs: [{ ip: hostIP }],
    podIP,
    podIPs: [{ ip: podIP }],
    startTime: now,
    qosClass: status(pod)['qosClass'] ?? 'BestEffort',
    containerStatuses: containers(pod).map((c) => ({
      name: c['name'],
      image: c['image'],
      imageID: `${String(c['image'])}@sha256:0000000000000000000000000000000000000000000000000000000000000000`,
      containerID: `containerd://${String(c['name'])}`,
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: now } },
    })),
  };
}

export function succeededPodStatus(pod: KubeObject, now: string): JsonObject {
  const st = status(pod);
  return {
    ...st,
    phase: 'Succeeded',
    conditions: [
      condition('PodReadyToStartContainers', 'False', now),
      condition('Initialized', 'True', now, 'PodCompleted'),
      condition('Ready', 'False', now, 'PodCompleted'),
      condition('ContainersReady', 'False', now, 'PodCompleted'),
      condition('PodScheduled', 'True', now),
    ],
    containerStatuses: containers(pod).map((c) => ({
      name: c['name'],
      image: c['image'],
      imageID: '',
      containerID: `containerd://${String(c['name'])}`,
      ready: false,
      started: false,
      restartCount: 0,
      state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: st['startTime'] ?? now, finishedAt: now } },
    })),
  };
}

export function podPhase(pod: KubeObject): string {
  return String(status(pod)['phase'] ?? 'Pending');
}

export function isPodTerminal(pod: KubeObject): boolean {
  const phase = podPhase(pod);
  return phase === 'Succeeded' || phase === 'Failed';
}

export function isPodReady(pod: KubeObject): boolean {
  const conditions = status(pod)['conditions'];
  return Array.isArray(conditions) && conditions.some((c) => isJsonObject(c) && c['type'] === 'Ready' && c['status'] === 'True');
}

export function nodeNameOf(pod: KubeObject): string | undefined {
  const spec = pod['spec'];
  return isJsonObject(spec) && typeof spec['nodeName'] === 'string' && spec['nodeName'] !== '' ? spec['nodeName'] : undefined;
}
