import { parseAggregateSubject, type GroupResourceJson } from '@karmada-ts/contracts';

/** policy-svc's latest-state tables (its own schema). */
export const readModelTables = {
  templates: 'templates',
  claims: 'claims',
  bindings: 'bindings',
  placements: 'placements',
  cleanups: 'binding_cleanups',
} as const;

/** The `kind` of rows keyed by a binding (bindings, placements, cleanups). */
export const bindingRowKind = 'binding';

/** The policy APIs the detector reads, as `plural.group` row kinds. */
export const policyResources = {
  propagationPolicies: { group: 'policy.karmada.io', resource: 'propagationpolicies' },
  clusterPropagationPolicies: { group: 'policy.karmada.io', resource: 'clusterpropagationpolicies' },
  overridePolicies: { group: 'policy.karmada.io', resource: 'overridepolicies' },
  clusterOverridePolicies: { group: 'policy.karmada.io', resource: 'clusteroverridepolicies' },
} as const satisfies Record<string, GroupResourceJson>;

export const priorityClassResource: GroupResourceJson = { group: 'scheduling.k8s.io', resource: 'priorityclasses' };

/** One template, as every reconcile names it: its resource (for subjects), its Kind (for its binding's name). */
export interface TemplateKey {
  readonly resource: GroupResourceJson;
  readonly kind: string;
  /** Undefined for cluster-scoped templates. */
  readonly namespace: string | undefined;
  readonly name: string;
}

/** A binding's key: bindings are named per namespace (ResourceBinding) or cluster-wide (ClusterResourceBinding). */
export interface BindingKey {
  readonly namespace: string | undefined;
  readonly name: string;
}

/** A template's key as one string (`<resource key>/<namespace>/<name>`). */
export function templateKeyId(key: TemplateKey): string {
  return `${resourceKey(key.resource)}/${key.namespace ?? ''}/${key.name}`;
}

/** `deployments.apps`, `configmaps`: the row kind of a resource. */
export function resourceKey(resource: GroupResourceJson): string {
  return resource.group ? `${resource.resource}.${resource.group}` : resource.resource;
}

/** The inverse of resourceKey (plural names have no dots, groups may). */
export function resourceOfKey(key: string): GroupResourceJson {
  const dot = key.indexOf('.');
  return dot < 0 ? { group: '', resource: key } : { group: key.slice(dot + 1), resource: key.slice(0, dot) };
}

/** The resource, namespace and name in a `<plural.group>.<ns|_>.<name>` subject (template, claim). */
export function keyOfResourceSubject(subject: string): { resource: GroupResourceJson; namespace: string | undefined; name: string } {
  const parsed = parseAggregateSubject(subject, 1);
  return { resource: resourceOfKey(parsed.keys[0]!), namespace: parsed.namespace, name: parsed.name };
}

/** The namespace and name in a `<ns|_>.<name>` subject (binding, placement, bindingstatus). */
export function keyOfBindingSubject(subject: string): BindingKey {
  const parsed = parseAggregateSubject(subject, 0);
  return { namespace: parsed.namespace, name: parsed.name };
}

export function sameResource(a: GroupResourceJson, b: GroupResourceJson): boolean {
  return a.group === b.group && a.resource === b.resource;
}

/** The resources of the objects a workload may depend on (InterpretDependency's kinds, all core v1), by Kind. */
export const dependencyResources: Readonly<Record<string, GroupResourceJson>> = {
  ConfigMap: { group: '', resource: 'configmaps' },
  Secret: { group: '', resource: 'secrets' },
  ServiceAccount: { group: '', resource: 'serviceaccounts' },
  PersistentVolumeClaim: { group: '', resource: 'persistentvolumeclaims' },
};
