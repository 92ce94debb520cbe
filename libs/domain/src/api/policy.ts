import type { KubeObject, LabelSelector, ObjectMeta, Toleration } from './meta.js';

/** policy.karmada.io/v1alpha1 PropagationPolicy (namespaced, `pp`). */
export interface PropagationPolicy extends KubeObject {
  apiVersion: 'policy.karmada.io/v1alpha1';
  kind: 'PropagationPolicy';
  metadata: ObjectMeta;
  spec: PropagationSpec;
}

/** policy.karmada.io/v1alpha1 ClusterPropagationPolicy (cluster-scoped, `cpp`). */
export interface ClusterPropagationPolicy extends KubeObject {
  apiVersion: 'policy.karmada.io/v1alpha1';
  kind: 'ClusterPropagationPolicy';
  metadata: ObjectMeta;
  spec: PropagationSpec;
}

export type AnyPropagationPolicy = PropagationPolicy | ClusterPropagationPolicy;

export interface ResourceSelector {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name?: string;
  labelSelector?: LabelSelector;
}

export interface PropagationSpec {
  resourceSelectors: ResourceSelector[];
  /** Deprecated in favour of propagateDeps. */
  association?: boolean;
  propagateDeps?: boolean;
  placement?: Placement;
  priority?: number;
  preemption?: 'Always' | 'Never';
  dependentOverrides?: string[];
  schedulerName?: string;
  failover?: FailoverBehavior;
  conflictResolution?: 'Abort' | 'Overwrite';
  activationPreference?: 'Lazy' | '';
  suspension?: Suspension;
  preserveResourcesOnDeletion?: boolean;
  schedulePriority?: { priorityClassSource?: 'KubePriorityClass'; priorityClassName?: string };
  /** Beyond Karmada: move replicas back to the original placement when an evicted cluster recovers (opt-in). */
  failback?: FailbackBehavior;
}

export interface Suspension {
  dispatching?: boolean;
  dispatchingOnClusters?: { clusterNames?: string[] };
}

export type FieldSelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface FieldSelectorRequirement {
  /** provider, region or zone. */
  key: string;
  operator: FieldSelectorOperator;
  values?: string[];
}

export interface ClusterAffinity {
  labelSelector?: LabelSelector;
  fieldSelector?: { matchExpressions?: FieldSelectorRequirement[] };
  clusterNames?: string[];
  exclude?: string[];
}

export interface ClusterAffinityTerm extends ClusterAffinity {
  affinityName: string;
  overflowAffinities?: ClusterAffinity[];
}

export type SpreadFieldValue = 'cluster' | 'region' | 'zone' | 'provider';

export interface SpreadConstraint {
  spreadByField?: SpreadFieldValue;
  spreadByLabel?: string;
  maxGroups?: number;
  minGroups?: number;
}

export type ReplicaSchedulingType = 'Duplicated' | 'Divided';
export type ReplicaDivisionPreference = 'Aggregated' | 'Weighted';

export interface StaticClusterWeight {
  targetCluster: ClusterAffinity;
  weight: number;
}

export interface ClusterPreferences {
  staticWeightList?: StaticClusterWeight[];
  dynamicWeight?: 'AvailableReplicas';
}

export interface ReplicaSchedulingStrategy {
  replicaSchedulingType?: ReplicaSchedulingType;
  replicaDivisionPreference?: ReplicaDivisionPreference;
  weightPreference?: ClusterPreferences;
}

export interface Placement {
  clusterAffinity?: ClusterAffinity;
  clusterAffinities?: ClusterAffinityTerm[];
  clusterTolerations?: Toleration[];
  spreadConstraints?: SpreadConstraint[];
  replicaScheduling?: ReplicaSchedulingStrategy;
  workloadAffinity?: unknown;
}

export type PurgeMode = 'Directly' | 'Gracefully' | 'Never';

export interface FailoverBehavior {
  application?: {
    decisionConditions?: { tolerationSeconds?: number };
    purgeMode?: PurgeMode;
    gracePeriodSeconds?: number;
    statePreservation?: StatePreservation;
  };
  cluster?: { purgeMode?: PurgeMode; statePreservation?: StatePreservation };
}

export interface StatePreservation {
  rules: { aliasLabelName: string; jsonPath: string }[];
}

export interface FailbackBehavior {
  enabled?: boolean;
}

/** policy.karmada.io/v1alpha1 OverridePolicy (namespaced, `op`). */
export interface OverridePolicy extends KubeObject {
  apiVersion: 'policy.karmada.io/v1alpha1';
  kind: 'OverridePolicy';
  metadata: ObjectMeta;
  spec: OverrideSpec;
}

/** policy.karmada.io/v1alpha1 ClusterOverridePolicy (cluster-scoped, `cop`). */
export interface ClusterOverridePolicy extends KubeObject {
  apiVersion: 'policy.karmada.io/v1alpha1';
  kind: 'ClusterOverridePolicy';
  metadata: ObjectMeta;
  spec: OverrideSpec;
}

export type AnyOverridePolicy = OverridePolicy | ClusterOverridePolicy;

export interface OverrideSpec {
  /** Empty or absent: every resource. */
  resourceSelectors?: ResourceSelector[];
  overrideRules?: RuleWithCluster[];
  /** Deprecated pair, mutually exclusive with overrideRules. */
  targetCluster?: ClusterAffinity;
  overriders?: Overriders;
}

export interface RuleWithCluster {
  /** Absent: every cluster. */
  targetCluster?: ClusterAffinity;
  overriders: Overriders;
}

export type OverriderOperator = 'add' | 'remove' | 'replace';

export interface Overriders {
  plaintext?: PlaintextOverrider[];
  imageOverrider?: ImageOverrider[];
  commandOverrider?: CommandArgsOverrider[];
  argsOverrider?: CommandArgsOverrider[];
  labelsOverrider?: LabelAnnotationOverrider[];
  annotationsOverrider?: LabelAnnotationOverrider[];
  fieldOverrider?: FieldOverrider[];
}

export interface PlaintextOverrider {
  path: string;
  operator: OverriderOperator;
  value?: unknown;
}

export interface ImageOverrider {
  predicate?: { path: string };
  component: 'Registry' | 'Repository' | 'Tag';
  operator: OverriderOperator;
  value?: string;
}

export interface CommandArgsOverrider {
  containerName: string;
  operator: 'add' | 'remove';
  value?: string[];
}

export interface LabelAnnotationOverrider {
  operator: OverriderOperator;
  value?: Record<string, string>;
}

export interface FieldOverrider {
  fieldPath: string;
  json?: { subPath: string; operator: OverriderOperator; value?: unknown }[];
  yaml?: { subPath: string; operator: OverriderOperator; value?: unknown }[];
}
