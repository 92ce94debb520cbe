import {
  ClusterStatusCollected,
  TemplateClaimed,
  TemplateClaimReleased,
  TemplateStatusAggregated,
  type ClusterTaintJson,
  type Envelope,
  type Subjects,
  type TemplateRefJson,
} from '@karmada-ts/contracts';
import { isJsonObject, type JsonObject, type KubeObject, type ObjectKey, type StorageResource } from '@karmada-ts/kube';
import type { BaseName } from './object-bases.js';
import { inNamespace, kindOf } from './object-subjects.js';

/**
 * The read side merges aggregates (docs/event-model.md): an object is its `template` plus the parts other services
 * write about it (a template's claim metadata from policy-svc and its status from binding-svc, a Cluster's status
 * and controller taints from cluster-svc). A part knows its subjects, how its events name the object they describe, how to
 * merge its content into the template, and what to take out of an object again before the object is written back
 * as a template (the API hands the store whole objects, merged parts included).
 */

/** What a part's last event says about one object. */
export interface PartContent {
  /** The uid of the object the content describes; content about an earlier object of the same name is not shown. */
  readonly uid: string | undefined;
  /** The event's data, as the projection stores it. */
  readonly data: JsonObject;
  /** The stream sequence of that event. */
  readonly seq: number;
}

export type PartName = 'claim' | 'templatestatus' | 'clusterstatus' | 'placement' | 'bindingstatus' | 'workstatus';

export interface ObjectPart {
  readonly name: PartName;
  /** The base aggregate of the objects the part describes. */
  readonly base: BaseName;
  /** Whether the part is the object's `.status` (then the API does not write it). */
  readonly ownsStatus: boolean;
  /** Whether the part adds labels (then label selectors look at them too, in `data.labels`). */
  readonly addsLabels: boolean;
  subject(subjects: Subjects, key: ObjectKey): string;
  /** The part's subjects for a kind, in one namespace or all of them. */
  filter(subjects: Subjects, resource: StorageResource, namespace: string | undefined): string;
  /** The object an event of this part describes, and its content; undefined for other events. */
  read(event: Envelope, seq: number): { key: ObjectKey; content: PartContent } | undefined;
  merge(object: KubeObject, content: PartContent): KubeObject;
  /**
   * Whether the content ends the object's life (its controller finished cleaning up after it): the object is no
   * longer served, unless its base was written again since.
   */
  ends?(content: PartContent): boolean;
  /** The object without what this part contributes (given the part's current content). */
  strip(object: KubeObject, content: PartContent | undefined): KubeObject;
}

/** The current content of each part of one object (absent: the part has said nothing about it). */
export type PartContents = ReadonlyMap<PartName, PartContent>;

/** A status subresource owned by a controller reads `{}` until the controller reports. */
function withEmptyStatus(object: KubeObject): KubeObject {
  return 'status' in object ? { ...object, status: {} } : object;
}

export const templateStatusPart: ObjectPart = {
  name: 'templatestatus',
  base: 'template',
  ownsStatus: true,
  addsLabels: false,
  subject: (subjects, key) => subjects.templateStatus(kindOf(key), key.namespace || undefined, key.name),
  filter: (subjects, resource, namespace) => inNamespace(subjects.templateStatusFilter(kindOf(resource)), namespace),
  read(event, seq) {
    if (!TemplateStatusAggregated.is(event)) return undefined;
    const { resource, namespace, name, uid, status } = event.data;
    return {
      key: { group: resource.group, resource: resource.resource, namespace: namespace ?? '', name },
      content: { uid, data: { status }, seq },
    };
  },
  merge: (object, content) => ({ ...object, status: content.data['status'] }),
  strip: (object) => withEmptyStatus(object),
};

function templateKeyOf(template: TemplateRefJson): ObjectKey {
  return { group: template.resource.group, resource: template.resource.resource, namespace: template.namespace ?? '', name: template.name };
}

function stringMap(value: unknown): Record<string, string> {
  return isJsonObject(value) ? (value as Record<string, string>) : {};
}

/** Entries of `own` that the claim did not put there (an equal value counts as the claim's). */
function withoutClaimed(own: Record<string, string> | undefined, claimed: Record<string, string>): Record<string, string> | undefined {
  if (!own) return undefined;
  const kept = Object.fromEntries(Object.entries(own).filter(([k, v]) => claimed[k] !== v));
  return Object.keys(kept).length > 0 ? kept : undefined;
}

/**
 * policy-svc's claim of a template: Karmada's claim labels and annotations, merged into the template's metadata
 * (the claim's values win, as the detector writes them); a released claim contributes nothing.
 */
export const claimPart: ObjectPart = {
  name: 'claim',
  base: 'template',
  ownsStatus: false,
  addsLabels: true,
  subject: (subjects, key) => subjects.claim(kindOf(key), key.namespace || undefined, key.name),
  filter: (subjects, resource, namespace) => inNamespace(subjects.claimFilter(kindOf(resource)), namespace),
  read(event, seq) {
    if (TemplateClaimed.is(event)) {
      const { template, labels, annotations } = event.data;
      return { key: templateKeyOf(template), content: { uid: template.uid, data: { labels, annotations }, seq } };
    }
    if (TemplateClaimReleased.is(event)) {
      const { template } = event.data;
      return { key: templateKeyOf(template), content: { uid: template.uid, data: { labels: {}, annotations: {} }, seq } };
    }
    return undefined;
  },
  merge(object, content) {
    const labels = { ...(object.metadata.labels ?? {}), ...stringMap(content.data['labels']) };
    const annotations = { ...(object.metadata.annotations ?? {}), ...stringMap(content.data['annotations']) };
    const metadata = { ...object.metadata };
    if (Object.keys(labels).length > 0) metadata.labels = labels;
    if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
    return { ...object, metadata };
  },
  strip(object, content) {
    if (!content) return object;
    const { labels: ownLabels, annotations: ownAnnotations, ...rest } = object.metadata;
    const labels = withoutClaimed(ownLabels, stringMap(content.data['labels']));
    const annotations = withoutClaimed(ownAnnotations, stringMap(content.data['annotations']));
    return { ...object, metadata: { ...rest, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) } };
  },
};

export const clusters = { group: 'cluster.karmada.io', resource: 'clusters' };

function sameTaint(a: ClusterTaintJson, b: ClusterTaintJson): boolean {
  return a.key === b.key && a.effect === b.effect && (a.value ?? '') === (b.value ?? '');
}

function taintsOf(value: unknown): ClusterTaintJson[] {
  return Array.isArray(value) ? (value.filter(isJsonObject) as unknown as ClusterTaintJson[]) : [];
}

function withTaints(object: KubeObject, taints: readonly ClusterTaintJson[]): KubeObject {
  const spec: JsonObject = isJsonObject(object['spec']) ? { ...object['spec'] } : {};
  if (taints.length > 0) spec['taints'] = taints;
  else delete spec['taints'];
  return { ...object, spec };
}

/** A Cluster: its status, and the controllers' taints after the user's own in `spec.taints`. */
export const clusterStatusPart: ObjectPart = {
  name: 'clusterstatus',
  base: 'template',
  ownsStatus: true,
  addsLabels: false,
  subject: (subjects, key) => subjects.clusterStatus(key.name),
  filter: (subjects) => subjects.clusterStatusFilter(),
  read(event, seq) {
    if (!ClusterStatusCollected.is(event)) return undefined;
    const { name, uid, status, controllerTaints } = event.data;
    return { key: { ...clusters, namespace: '', name }, content: { uid, data: { status, controllerTaints: controllerTaints ?? [] }, seq } };
  },
  merge(object, content) {
    const own = taintsOf(isJsonObject(object['spec']) ? object['spec']['taints'] : undefined);
    const controllers = taintsOf(content.data['controllerTaints']).filter((t) => !own.some((o) => sameTaint(o, t)));
    return { ...withTaints(object, [...own, ...controllers]), status: content.data['status'] };
  },
  strip(object, content) {
    const controllers = taintsOf(content?.data['controllerTaints']);
    const taints = taintsOf(isJsonObject(object['spec']) ? object['spec']['taints'] : undefined);
    const own = taints.filter((t) => !controllers.some((c) => sameTaint(c, t)));
    return withEmptyStatus(own.length === taints.length ? object : withTaints(object, own));
  },
};

/** Whether content describes this very object (same uid, or no uid said). */
function describes(object: KubeObject, content: PartContent): boolean {
  return content.uid === undefined || object.metadata.uid === undefined || content.uid === object.metadata.uid;
}

/**
 * The object with the content of each of its parts merged in, and the newest sequence among what was merged (0 when
 * nothing was). The object is undefined when a part ended its life after its base was last written (`baseSeq`).
 */
export function mergeParts(object: KubeObject, parts: readonly ObjectPart[], contents: PartContents, baseSeq = 0): { object: KubeObject | undefined; seq: number } {
  let merged = object;
  let seq = 0;
  for (const part of parts) {
    const content = contents.get(part.name);
    if (!content || !describes(object, content)) continue;
    if (part.ends?.(content)) {
      if (content.seq > baseSeq) return { object: undefined, seq: content.seq };
      continue;
    }
    merged = part.merge(merged, content);
    seq = Math.max(seq, content.seq);
  }
  return { object: merged, seq };
}

/** The object without what its parts contribute: what a template event carries. */
export function stripParts(object: KubeObject, parts: readonly ObjectPart[], contents: PartContents): KubeObject {
  return parts.reduce((stripped, part) => part.strip(stripped, contents.get(part.name)), object);
}
