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
} as const;

export const KarmadaAnnotation = {
  PropagationPolicyNamespace: 'propagationpolicy.karmada.io/namespace',
  PropagationPolicyName: 'propagationpolicy.karmada.io/name',
  ClusterPropagationPolicyName: 'clusterpropagationpolicy.karmada.io/name',
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
} as const;

export const BindingConditionType = { Scheduled: 'Scheduled', FullyApplied: 'FullyApplied' } as const;
export const ScheduledReason = {
  Success: 'Success',
  SchedulerError: 'SchedulerError',
  NoClusterFit: 'NoClusterFit',
  Unschedulable: 'Unschedulable',
  QuotaExceeded: 'QuotaExceeded',
} as const;
export const WorkConditionType = { Applied: 'Applied', Dispatching: 'Dispatching' } as const;

export const ReservedNamespace = {
  KarmadaSystem: 'karmada-system',
  KarmadaCluster: 'karmada-cluster',
  ExecutionSpacePrefix: 'karmada-es-',
} as const;

/** The namespace holding a member cluster's Works. */
export function executionSpaceName(clusterName: string): string {
  return `${ReservedNamespace.ExecutionSpacePrefix}${clusterName}`;
}
