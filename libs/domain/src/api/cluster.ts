import type { Condition, KubeObject, ObjectMeta, ResourceList, Taint } from './meta.js';

/** cluster.karmada.io/v1alpha1 Cluster (cluster-scoped, status subresource). */
export interface Cluster extends KubeObject {
  apiVersion: 'cluster.karmada.io/v1alpha1';
  kind: 'Cluster';
  metadata: ObjectMeta;
  spec: ClusterSpec;
  status?: ClusterStatus;
}

export type ClusterSyncMode = 'Push' | 'Pull';

export interface LocalSecretReference {
  namespace: string;
  name: string;
}

export interface ClusterSpec {
  id?: string;
  syncMode: ClusterSyncMode;
  apiEndpoint?: string;
  secretRef?: LocalSecretReference;
  impersonatorSecretRef?: LocalSecretReference;
  insecureSkipTLSVerification?: boolean;
  proxyURL?: string;
  proxyHeader?: Record<string, string>;
  provider?: string;
  region?: string;
  /** Deprecated by Karmada in favour of zones; kept for API compatibility. */
  zone?: string;
  zones?: string[];
  taints?: Taint[];
  resourceModels?: ResourceModel[];
}

export interface ResourceModel {
  grade: number;
  ranges: { name: string; min: string; max: string }[];
}

export interface APIEnablement {
  groupVersion: string;
  resources?: { name: string; kind: string }[];
}

export interface NodeSummary {
  totalNum?: number;
  readyNum?: number;
}

export interface ResourceSummary {
  allocatable?: ResourceList;
  allocating?: ResourceList;
  allocated?: ResourceList;
  allocatableModelings?: { grade: number; count: number }[];
}

export interface ClusterStatus {
  kubernetesVersion?: string;
  apiEnablements?: APIEnablement[];
  conditions?: Condition[];
  nodeSummary?: NodeSummary;
  resourceSummary?: ResourceSummary;
  remedyActions?: string[];
}

/** Names Karmada gives to cluster conditions, reasons and controller taints. */
export const ClusterConditionType = { Ready: 'Ready', CompleteAPIEnablements: 'CompleteAPIEnablements' } as const;
export const ClusterReadyReason = {
  ClusterReady: 'ClusterReady',
  ClusterNotReady: 'ClusterNotReady',
  ClusterNotReachable: 'ClusterNotReachable',
  StatusCollectionFailed: 'StatusCollectionFailed',
} as const;
export const ClusterTaintKey = {
  NotReady: 'cluster.karmada.io/not-ready',
  Unreachable: 'cluster.karmada.io/unreachable',
  Unschedulable: 'cluster.karmada.io/unschedulable',
} as const;
