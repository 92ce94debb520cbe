import {
  aggregates,
  BindingUpserted,
  ResourceCreated,
  ResourceDeleted,
  ResourceUpdated,
  WorkDeletionRequested,
  WorkRendered,
  type Envelope,
  type KubeObjectJson,
  type Subjects,
} from '@karmada-ts/contracts';
import type { ObjectKey, StorageResource } from '@karmada-ts/kube';
import { inNamespace, templateFilterOf, templateSubjectOf } from './object-subjects.js';
import { templateHeadOf, type BaseHead } from './template-head.js';

/**
 * The aggregate an API object is served from (docs/event-model.md), before its other parts are merged in:
 * - `template`: what users write through the API (the gateway's own events);
 * - `binding`: policy-svc's (Cluster)ResourceBindings, read-only through the API;
 * - `work`: binding-svc's Works, read-only through the API.
 */
export type BaseName = 'template' | 'binding' | 'work';

/** A stream event on a base subject, as the object it leaves. */
export interface BaseEvent {
  readonly key: ObjectKey;
  readonly head: BaseHead;
  /** Whether the event created the object (a watch's ADDED); derived aggregates cannot tell, see the watch feed. */
  readonly created: boolean | undefined;
  /** The object a deletion removed, as it was. */
  readonly deleted?: KubeObjectJson;
}

export interface ObjectBase {
  readonly name: BaseName;
  subject(subjects: Subjects, key: ObjectKey): string;
  /** The base subjects of a kind, in one namespace or all of them (may cover other kinds: check the event's key). */
  filter(subjects: Subjects, resource: StorageResource, namespace: string | undefined): string;
  /** Folds the last event of the object's base subject. */
  head(event: (Envelope & { readonly seq: number }) | undefined): BaseHead;
  /** The object an event describes when it is an event of this base; undefined otherwise. */
  read(event: Envelope & { readonly seq: number }): BaseEvent | undefined;
}

const work = { group: 'work.karmada.io' } as const;
export const resourceBindings: StorageResource = { ...work, resource: 'resourcebindings' };
export const clusterResourceBindings: StorageResource = { ...work, resource: 'clusterresourcebindings' };
export const works: StorageResource = { ...work, resource: 'works' };

/** The resource of a binding by its kind: both kinds share the `binding` aggregate (cluster-scoped ones under `_`). */
export function bindingResourceOf(kind: string): StorageResource {
  return kind === 'ClusterResourceBinding' ? clusterResourceBindings : resourceBindings;
}

export const templateBase: ObjectBase = {
  name: 'template',
  subject: (subjects, key) => templateSubjectOf(subjects, key),
  filter: (subjects, resource, namespace) => templateFilterOf(subjects, resource, namespace),
  head: templateHeadOf,
  read(event) {
    if (event.subject.split('.')[1] !== aggregates.template) return undefined;
    if (!ResourceCreated.is(event) && !ResourceUpdated.is(event) && !ResourceDeleted.is(event)) return undefined;
    const { resource, object } = event.data;
    const key = { group: resource.group, resource: resource.resource, namespace: object.metadata.namespace ?? '', name: object.metadata.name ?? '' };
    return { key, head: templateHeadOf(event), created: ResourceCreated.is(event), ...(ResourceDeleted.is(event) ? { deleted: object } : {}) };
  },
};

/** Server-set metadata the writers of derived objects leave out: a uid (their permanent id) and a deletion time. */
function served(object: KubeObjectJson, permanentIdLabel: string, deletingSince: string | undefined): KubeObjectJson {
  const uid = object.metadata.uid ?? object.metadata.labels?.[permanentIdLabel];
  const metadata = { ...object.metadata, ...(uid ? { uid } : {}), ...(deletingSince && !object.metadata.deletionTimestamp ? { deletionTimestamp: deletingSince } : {}) };
  return { ...object, metadata };
}

const bindingIdLabels: Readonly<Record<string, string>> = {
  ResourceBinding: 'resourcebinding.karmada.io/permanent-id',
  ClusterResourceBinding: 'clusterresourcebinding.karmada.io/permanent-id',
};

function bindingHead(event: (Envelope & { readonly seq: number }) | undefined): BaseHead {
  if (!event || !BindingUpserted.is(event)) return { seq: event?.seq ?? 0, object: undefined, sealedData: undefined };
  const { binding, deleting } = event.data;
  return { seq: event.seq, object: served(binding, bindingIdLabels[binding.kind] ?? '', deleting ? event.time : undefined), sealedData: undefined };
}

/** A (Cluster)ResourceBinding: policy-svc's BindingUpserted (a deleting binding is served with its deletionTimestamp). */
export const bindingBase: ObjectBase = {
  name: 'binding',
  subject: (subjects, key) => subjects.binding(key.namespace || undefined, key.name),
  filter: (subjects, _resource, namespace) => inNamespace(subjects.aggregateFilter(aggregates.binding), namespace),
  head: bindingHead,
  read(event) {
    if (!BindingUpserted.is(event)) return undefined;
    const { binding } = event.data;
    const key = { ...bindingResourceOf(binding.kind), namespace: binding.metadata.namespace ?? '', name: binding.metadata.name ?? '' };
    return { key, head: bindingHead(event), created: undefined };
  },
};

const workIdLabel = 'work.karmada.io/permanent-id';

function workHead(event: (Envelope & { readonly seq: number }) | undefined): BaseHead {
  if (event && WorkRendered.is(event)) return { seq: event.seq, object: served(event.data.work, workIdLabel, undefined), sealedData: undefined };
  if (event && WorkDeletionRequested.is(event)) return { seq: event.seq, object: served(event.data.work, workIdLabel, event.time), sealedData: undefined };
  return { seq: event?.seq ?? 0, object: undefined, sealedData: undefined };
}

/** A Work: binding-svc's WorkRendered (WorkDeletionRequested: served with its deletionTimestamp until cleaned up). */
export const workBase: ObjectBase = {
  name: 'work',
  subject: (subjects, key) => subjects.work(key.namespace, key.name),
  filter: (subjects, _resource, namespace) => inNamespace(subjects.aggregateFilter(aggregates.work), namespace),
  head: workHead,
  read(event) {
    if (!WorkRendered.is(event) && !WorkDeletionRequested.is(event)) return undefined;
    const { work: object } = event.data;
    const key = { ...works, namespace: object.metadata.namespace ?? '', name: object.metadata.name ?? '' };
    return { key, head: workHead(event), created: undefined };
  },
};

export const allBases: readonly ObjectBase[] = [templateBase, bindingBase, workBase];

/** Whether two resources are the same (shared base subjects carry more than one kind: compare the event's key). */
export function isOfResource(a: StorageResource, b: StorageResource): boolean {
  return a.group === b.group && a.resource === b.resource;
}
