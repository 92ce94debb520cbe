import type { GroupResourceJson, GroupVersionResource, KubeObjectJson, SealedSecretData } from '@karmada-ts/contracts';

/** binding-svc's read models (docs/event-model.md: every table is rebuilt from the stream). */
export const tables = {
  /** Latest state of the user's objects: resource templates, Namespaces, Clusters, (Cluster)OverridePolicies. */
  templates: 'templates',
  /** The plural resource name of each kind ever seen, so a binding's `apiVersion`/`kind` finds its template. */
  resourceKinds: 'resource_kinds',
  /** policy-svc's bindings, with the clusters their requiredBy snapshots name. */
  bindings: 'bindings',
  /** scheduler-svc's placements, with the clusters they target or are evicting from. */
  placements: 'placements',
  /** binding-svc's own Works (last event of each `work` subject) with the object that owns them. */
  works: 'works',
  /** executor-svc's last report on each Work. */
  workStatuses: 'work_statuses',
  /** binding-svc's own last event of each `bindingstatus` subject. */
  bindingStatuses: 'binding_statuses',
  /** binding-svc's own last event of each `templatestatus` subject. */
  templateStatuses: 'template_statuses',
} as const;

/** The `kind` column of the latest-state tables that hold one kind only. */
export const rowKinds = { binding: 'binding', work: 'work' } as const;

/**
 * What a read model keeps of a subject: its last event. A decision about the subject's next event can then be made
 * from the read model first (see SubjectDecision), and from the stream's head only when it says something changes.
 */
export interface LastEvent<Data = unknown> {
  readonly type: string;
  readonly data: Data;
  readonly seq: number;
}

/** A row's `state` for tables holding the last event of a subject. */
export interface EventState<Data = unknown> {
  readonly type: string;
  readonly data: Data;
}

/** A row's `state` in `templates`: the object and the resource it is served as. */
export interface TemplateState {
  readonly resource: GroupVersionResource;
  readonly object: KubeObjectJson;
  /** Secrets: where their values are (the object has no `data`); the Works name it so the executor can fill it in. */
  readonly sealedData?: SealedSecretData;
}

/** The unencoded `plural.group` key of a resource (`deployments.apps`, `namespaces`): the templates' `kind` column. */
export function resourceKey(resource: GroupResourceJson): string {
  return resource.group ? `${resource.resource}.${resource.group}` : resource.resource;
}

/** The resources binding-svc reads besides propagated templates. */
export const knownResources = {
  namespaces: { group: '', resource: 'namespaces' },
  clusters: { group: 'cluster.karmada.io', resource: 'clusters' },
  overridePolicies: { group: 'policy.karmada.io', resource: 'overridepolicies' },
  clusterOverridePolicies: { group: 'policy.karmada.io', resource: 'clusteroverridepolicies' },
} as const satisfies Record<string, GroupResourceJson>;

/** A binding by namespace ('' for a ClusterResourceBinding) and name: what reconciles are requested for. */
export interface BindingKey {
  readonly namespace: string;
  readonly name: string;
}

/** A Work subject: `karmada-es-<cluster>` and the Work name. */
export interface WorkKey {
  readonly namespace: string;
  readonly name: string;
}

/** Who a Work belongs to: a (Cluster)ResourceBinding, or a Namespace sent to every cluster. */
export interface WorkOwner {
  readonly kind: 'ResourceBinding' | 'ClusterResourceBinding' | 'Namespace';
  readonly namespace: string;
  readonly name: string;
}

export function keyString(key: { readonly namespace: string; readonly name: string }): string {
  return `${key.namespace}/${key.name}`;
}

export function ownerKeyString(owner: WorkOwner): string {
  return `${owner.kind}/${owner.namespace}/${owner.name}`;
}
