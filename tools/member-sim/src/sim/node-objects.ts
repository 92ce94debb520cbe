import type { KubeObject } from '@karmada-ts/kube';
import type { NodeGroupConfig } from '../config.js';

/** Node objects for a cluster's node groups (pure: the time is passed in). */
export interface NodeSpecEntry {
  name: string;
  group: NodeGroupConfig;
  index: number;
}

export function nodeEntries(cluster: string, groups: readonly NodeGroupConfig[]): NodeSpecEntry[] {
  const out: NodeSpecEntry[] = [];
  let n = 0;
  for (const group of groups) {
    for (let i = 0; i < group.count; i++) {
      n++;
      out.push({ name: group.names?.[i] ?? `${cluster}-node-${n}`, group, index: n });
    }
  }
  return out;
}

export function nodeObject(entry: NodeSpecEntry, kubernetesVersion: string, now: string): KubeObject {
  const { name, group, index } = entry;
  const ready = group.ready !== false;
  const condition = (type: string, status: string, reason: string, message: string): object => ({
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
    reason,
    message,
  });
  const spec: Record<string, unknown> = { podCIDR: `10.244.${index}.0/24`, podCIDRs: [`10.244.${index}.0/24`], providerID: `member-sim://${name}` };
  if (group.taints && group.taints.length > 0) spec['taints'] = group.taints;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        ...(group.labels ?? {}),
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0' },
    },
    spec,
    status: {
      capacity: { ...group.allocatable },
      allocatable: { ...group.allocatable },
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        ready ? condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status') : condition('Ready', 'False', 'KubeletNotReady', 'container runtime network not ready'),
      ],
      addresses: [
        { type: 'InternalIP', address: `172.18.${index >> 8}.${(index & 255) + 1}` },
        { type: 'Hostname', address: name },
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: `${name}-boot`,
        containerRuntimeVersion: 'containerd://1.7.18',
        kernelVersion: '6.1.0-member-sim',
        kubeProxyVersion: kubernetesVersion,
        kubeletVersion: kubernetesVersion,
        machineID: `${name}-machine`,
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: `${name}-uuid`,
      },
    },
  };
}
