/**
 * What the propagate scenario submits: N Deployments in one namespace, one PropagationPolicy dividing each one's
 * replicas evenly over K member clusters, and members with room for every replica.
 */
import type { KubeObjectJson } from '@karmada-ts/contracts';
import type { ClusterConfig } from '@karmada-ts/member-sim';

/** `default` exists from the start in the control plane and in every member, and is never auto-propagated. */
export const benchNamespace = 'default';
export const benchPolicyName = 'bench-propagate';
export const partOf = { 'app.kubernetes.io/part-of': 'bench-propagate' };

/** Requests of each replica, and the member capacity each one takes. */
const replicaRequests = { cpuMilli: 10, memoryMi: 16 };

export const memberName = (i: number): string => `member${i + 1}`;

/**
 * Template `i`: `replicas` replicas of a small web server, labelled so the bench's policy selects it (and with
 * `extraLabels`, for policies that select a share of the templates).
 */
export function deploymentTemplate(i: number, replicas: number, extraLabels: Readonly<Record<string, string>> = {}): KubeObjectJson {
  const labels = { ...partOf, ...extraLabels, app: `bench-${i}` };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: `bench-${i}`, namespace: benchNamespace, labels },
    spec: {
      replicas,
      selector: { matchLabels: { app: labels.app } },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'web',
              image: 'registry.example.com/web:1.25.3',
              ports: [{ containerPort: 8080 }],
              resources: { requests: { cpu: `${replicaRequests.cpuMilli}m`, memory: `${replicaRequests.memoryMi}Mi` } },
            },
          ],
        },
      },
    },
  };
}

/** Which policy and which templates: by default the one policy of every bench Deployment. */
export interface PolicySelection {
  readonly name: string;
  readonly matchLabels: Readonly<Record<string, string>>;
}

/** The selected bench Deployments to every one of `clusters`, replicas divided with equal static weights. */
export function divideEvenlyPolicy(clusters: readonly string[], selection: PolicySelection = { name: benchPolicyName, matchLabels: partOf }): KubeObjectJson {
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name: selection.name, namespace: benchNamespace },
    spec: {
      resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', labelSelector: { matchLabels: { ...selection.matchLabels } } }],
      placement: {
        clusterAffinity: { clusterNames: [...clusters] },
        replicaScheduling: {
          replicaSchedulingType: 'Divided',
          replicaDivisionPreference: 'Weighted',
          weightPreference: { staticWeightList: [{ targetCluster: { clusterNames: [...clusters] }, weight: 1 }] },
        },
      },
    },
  };
}

/** Nodes per simulated member: room for all its replicas is spread over them. */
const nodesPerMember = 3;
/** Capacity over need, so that the scheduler never finds a member short while its status lags the pods. */
const headroom = 2;

/** K members, each with room for `replicasPerMember` bench replicas (at least member-sim's default nodes). */
export function memberClusters(clusters: number, replicasPerMember: number): ClusterConfig[] {
  const pods = Math.max(110, Math.ceil((headroom * replicasPerMember) / nodesPerMember));
  const cpu = Math.max(8, Math.ceil((pods * replicaRequests.cpuMilli) / 1000));
  const memoryMi = Math.max(32 * 1024, pods * replicaRequests.memoryMi);
  return Array.from({ length: clusters }, (_, i) => ({
    name: memberName(i),
    nodes: [{ count: nodesPerMember, allocatable: { cpu: String(cpu), memory: `${memoryMi}Mi`, pods: String(pods) } }],
  }));
}
