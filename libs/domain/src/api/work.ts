import type { Condition, KubeObject, ObjectMeta, ResourceList, Toleration } from './meta.js';
import type { FailbackBehavior, FailoverBehavior, Placement, PurgeMode, Suspension } from './policy.js';

export interface ObjectReference {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  resourceVersion?: string;
}

export interface NodeClaim {
  hardNodeAffinity?: unknown;
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
}

export interface ReplicaRequirements {
  nodeClaim?: NodeClaim;
  /** Per-replica resource requests. */
  resourceRequest?: ResourceList;
  namespace?: string;
  priorityClassName?: string;
}

export interface TargetCluster {
  name: string;
  replicas?: number;
}

export interface GracefulEvictionTask {
  fromCluster: string;
  purgeMode?: PurgeMode;
  replicas?: number;
  reason: string;
  message?: string;
  producer: string;
  gracePeriodSeconds?: number;
  suppressDeletion?: boolean;
  preservedLabelState?: Record<string, string>;
  creationTimestamp?: string;
  clustersBeforeFailover?: string[];
}

export interface BindingSnapshot {
  namespace?: string;
  name: string;
  clusters?: TargetCluster[];
}

export interface ResourceBindingSpec {
  resource: ObjectReference;
  propagateDeps?: boolean;
  replicaRequirements?: ReplicaRequirements;
  replicas?: number;
  clusters?: TargetCluster[];
  placement?: Placement;
  gracefulEvictionTasks?: GracefulEvictionTask[];
  requiredBy?: BindingSnapshot[];
  schedulerName?: string;
  failover?: FailoverBehavior;
  conflictResolution?: 'Abort' | 'Overwrite';
  rescheduleTriggeredAt?: string;
  suspension?: Suspension & { scheduling?: boolean };
  preserveResourcesOnDeletion?: boolean;
  schedulePriority?: { priority: number };
  /** Beyond Karmada, inherited from the policy: move replicas back once the clusters they were evicted from recover. */
  failback?: FailbackBehavior;
}

export type ResourceHealth = 'Healthy' | 'Unhealthy' | 'Unknown';

export interface AggregatedStatusItem {
  clusterName: string;
  status?: unknown;
  applied?: boolean;
  appliedMessage?: string;
  health?: ResourceHealth;
}

export interface ResourceBindingStatus {
  schedulerObservedGeneration?: number;
  schedulerObservingAffinityName?: string;
  lastScheduledTime?: string;
  conditions?: Condition[];
  aggregatedStatus?: AggregatedStatusItem[];
}

/** work.karmada.io/v1alpha2 ResourceBinding (namespaced, `rb`). */
export interface ResourceBinding extends KubeObject {
  apiVersion: 'work.karmada.io/v1alpha2';
  kind: 'ResourceBinding';
  metadata: ObjectMeta;
  spec: ResourceBindingSpec;
  status?: ResourceBindingStatus;
}

/** work.karmada.io/v1alpha2 ClusterResourceBinding (cluster-scoped, `crb`). */
export interface ClusterResourceBinding extends KubeObject {
  apiVersion: 'work.karmada.io/v1alpha2';
  kind: 'ClusterResourceBinding';
  metadata: ObjectMeta;
  spec: ResourceBindingSpec;
  status?: ResourceBindingStatus;
}

export type AnyResourceBinding = ResourceBinding | ClusterResourceBinding;

export interface ResourceIdentifier {
  ordinal: number;
  group: string;
  version: string;
  kind: string;
  resource: string;
  namespace?: string;
  name: string;
}

export interface ManifestStatus {
  identifier: ResourceIdentifier;
  status?: unknown;
  health?: ResourceHealth;
}

/** work.karmada.io/v1alpha1 Work (namespaced in karmada-es-<cluster>, `wk`). */
export interface Work extends KubeObject {
  apiVersion: 'work.karmada.io/v1alpha1';
  kind: 'Work';
  metadata: ObjectMeta;
  spec: {
    workload: { manifests: KubeObject[] };
    suspendDispatching?: boolean;
    preserveResourcesOnDeletion?: boolean;
  };
  status?: {
    conditions?: Condition[];
    manifestStatuses?: ManifestStatus[];
  };
}
