/** Karmada's well-known label, annotation, condition, reason and namespace names, in one place. */
export const KarmadaLabel = {
  PropagationPolicyPermanentId: 'propagationpolicy.karmada.io/permanent-id',
  ClusterPropagationPolicyPermanentId: 'clusterpropagationpolicy.karmada.io/permanent-id',
  ResourceBindingPermanentId: 'resourcebinding.karmada.io/permanent-id',
  ClusterResourceBindingPermanentId: 'clusterresourcebinding.karmada.io/permanent-id',
  Managed: 'karmada.io/managed',
  SkipAutoPropagation: 'namespace.karmada.io/skip-auto-propagation',
  RetainReplicas: 'resourcetemplate.karmada.io/retain-replicas',
  DeletionProtected: 'resourcetemplate.karmada.io/deletion-protected',
  /** Set by another controller (e.g. MultiClusterService) on a template it owns: no policy may claim it. A label. */
  ResourceTemplateClaimedBy: 'resourcetemplate.karmada.io/claimed-by',
  WorkPermanentId: 'work.karmada.io/permanent-id',
  /** Prefix of the label on an attached binding naming each independent binding that depends on it. */
  DependedByPrefix: 'resourcebinding.karmada.io/depended-by-',
} as const;

/** Values of the karmada.io/managed label and of resourcetemplate.karmada.io/retain-replicas. */
export const KarmadaLabelValue = { Managed: 'true', RetainReplicas: 'true' } as const;

/** Values of the work.karmada.io/conflict-resolution annotation. */
export const ConflictResolutionValue = { Overwrite: 'overwrite', Abort: 'abort' } as const;

export const KarmadaAnnotation = {
  PropagationPolicyNamespace: 'propagationpolicy.karmada.io/namespace',
  PropagationPolicyName: 'propagationpolicy.karmada.io/name',
  ClusterPropagationPolicyName: 'clusterpropagationpolicy.karmada.io/name',
  /** Karmada reads this key from the template's LABELS: use KarmadaLabel.ResourceTemplateClaimedBy. */
  ClaimedBy: 'resourcetemplate.karmada.io/claimed-by',
  AppliedPlacement: 'policy.karmada.io/applied-placement',
  AppliedOverrides: 'policy.karmada.io/applied-overrides',
  AppliedClusterOverrides: 'policy.karmada.io/applied-cluster-overrides',
  ConflictResolution: 'work.karmada.io/conflict-resolution',
  WorkName: 'work.karmada.io/name',
  WorkNamespace: 'work.karmada.io/namespace',
  ResourceTemplateUid: 'resourcetemplate.karmada.io/uid',
  ResourceTemplateGeneration: 'resourcetemplate.karmada.io/generation',
  ManagedLabels: 'resourcetemplate.karmada.io/managed-labels',
  ManagedAnnotations: 'resourcetemplate.karmada.io/managed-annotations',
  ResourceBindingNamespace: 'resourcebinding.karmada.io/namespace',
  ResourceBindingName: 'resourcebinding.karmada.io/name',
  ClusterResourceBindingName: 'clusterresourcebinding.karmada.io/name',
  BindingDependencies: 'resourcebinding.karmada.io/dependencies',
} as const;

export const KarmadaFinalizer = {
  BindingController: 'karmada.io/binding-controller',
  ClusterResourceBindingController: 'karmada.io/cluster-resource-binding-controller',
  ExecutionController: 'karmada.io/execution-controller',
  ClusterController: 'karmada.io/cluster-controller',
  PropagationPolicyController: 'karmada.io/propagation-policy-controller',
  ClusterPropagationPolicyController: 'karmada.io/cluster-propagation-policy-controller',
  BindingDependenciesDistributor: 'karmada.io/binding-dependencies-distributor',
} as const;

export const BindingConditionType = { Scheduled: 'Scheduled', FullyApplied: 'FullyApplied' } as const;
export const ScheduledReason = {
  Success: 'Success',
  SchedulerError: 'SchedulerError',
  NoClusterFit: 'NoClusterFit',
  Unschedulable: 'Unschedulable',
  QuotaExceeded: 'QuotaExceeded',
} as const;
export const FullyAppliedReason = { Success: 'FullyAppliedSuccess', Failed: 'FullyAppliedFailed' } as const;
export const FullyAppliedMessage = {
  Success: 'All works have been successfully applied',
  Failed: 'Failed to apply all works, see status.aggregatedStatus for details',
} as const;
export const WorkConditionType = { Applied: 'Applied', Dispatching: 'Dispatching' } as const;
export const WorkAppliedReason = { Success: 'AppliedSuccessful', Failed: 'AppliedFailed' } as const;
export const WorkAppliedMessage = { Success: 'Manifest has been successfully applied' } as const;
export const WorkDispatchingReason = { Dispatching: 'Dispatching', Suspended: 'SuspendDispatching' } as const;
export const WorkDispatchingMessage = {
  Dispatching: 'Work is being dispatched to member clusters.',
  Suspended: 'Work dispatching is in a suspended state.',
} as const;

export const ReservedNamespace = {
  KarmadaSystem: 'karmada-system',
  KarmadaCluster: 'karmada-cluster',
  ExecutionSpacePrefix: 'karmada-es-',
} as const;

/** The namespace Kubernetes creates for every cluster; never auto-propagated. */
export const DefaultNamespace = 'default';

/** The default of the scheduler-name field of a policy and binding. */
export const DefaultSchedulerName = 'default-scheduler';

/** The namespace holding a member cluster's Works. */
export function executionSpaceName(clusterName: string): string {
  return `${ReservedNamespace.ExecutionSpacePrefix}${clusterName}`;
}

/** The member cluster of an execution space (`karmada-es-<cluster>`); undefined for any other namespace. */
export function clusterOfExecutionSpace(namespace: string): string | undefined {
  const prefix = ReservedNamespace.ExecutionSpacePrefix;
  return namespace.startsWith(prefix) && namespace.length > prefix.length ? namespace.slice(prefix.length) : undefined;
}

/** gracefulEvictionTasks[].reason and .producer values Karmada's controllers write. */
export const EvictionReason = {
  TaintUntolerated: 'TaintUntolerated',
  ApplicationFailure: 'ApplicationFailure',
} as const;
export const EvictionProducer = {
  TaintManager: 'TaintManager',
  /** Karmada's application failover controllers name themselves as producers, one per binding kind. */
  ResourceBindingApplicationFailover: 'resource-binding-application-failover-controller',
  ClusterResourceBindingApplicationFailover: 'cluster-resource-binding-application-failover-controller',
} as const;
