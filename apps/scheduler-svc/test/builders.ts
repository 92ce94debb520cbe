/**
 * What scheduler-svc's inputs look like, built as their writers write them: the api-gateway (Cluster specs on
 * `template` subjects), cluster-svc (ClusterStatusCollected), policy-svc (BindingUpserted, built with the detector's
 * own buildBinding) and binding-svc (BindingStatusAggregated).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import {
  BindingStatusAggregated,
  BindingUpserted,
  ClusterStatusCollected,
  newEnvelope,
  ResourceCreated,
  ResourceDeleted,
  ResourceUpdated,
  type ClusterTaintJson,
  type EventType,
  type GroupVersionResource,
  type KubeObjectJson,
  type Subjects,
} from '@karmada-ts/contracts';
import { buildBinding, type AnyResourceBinding, type KubeObject, type Placement, type PropagationPolicy, type ResourceBinding } from '@karmada-ts/domain';
import type { EventStore } from '@karmada-ts/eventstore';

export const clusters: GroupVersionResource = { group: 'cluster.karmada.io', version: 'v1alpha1', resource: 'clusters' };

/** Appends an event the way its writer does: on the subject's head, with a fresh id and the current time. */
export async function appendAs<Data>(store: EventStore, subject: string, type: EventType<string, Data>, data: Data, actor: string, time = new Date().toISOString()): Promise<number> {
  const head = await store.readLast(subject);
  const id = randomUUID();
  const envelope = newEnvelope(type, { id, correlationId: id, causationId: id, subject, time, actor, data });
  return (await store.append(subject, envelope, { expectedSeq: head?.seq ?? 0 })).seq;
}

/** A joined Cluster as the gateway stores its spec. */
export function cluster(name: string, more: { labels?: Record<string, string>; taints?: ClusterTaintJson[] } = {}): KubeObjectJson {
  return {
    apiVersion: 'cluster.karmada.io/v1alpha1',
    kind: 'Cluster',
    metadata: { name, uid: `uid-${name}`, ...(more.labels ? { labels: more.labels } : {}), finalizers: ['karmada.io/cluster-controller'] },
    spec: { syncMode: 'Push', apiEndpoint: `https://${name}.example:6443`, ...(more.taints ? { taints: more.taints } : {}) },
  };
}

export async function writeCluster(store: EventStore, subjects: Subjects, object: KubeObjectJson): Promise<number> {
  const subject = subjects.template(clusters, undefined, object.metadata.name ?? '');
  const last = await store.readLast(subject);
  const type = last && last.type !== ResourceDeleted.type ? ResourceUpdated : ResourceCreated;
  return appendAs(store, subject, type, { resource: clusters, object }, 'user:admin');
}

/** cluster-svc's report on a healthy cluster serving Deployments, or a not-ready one with its controller taints. */
export async function clusterStatus(store: EventStore, subjects: Subjects, name: string, controllerTaints: ClusterTaintJson[] = []): Promise<number> {
  const now = new Date().toISOString();
  const ready = controllerTaints.length === 0;
  const status = {
    kubernetesVersion: 'v1.31.0',
    apiEnablements: [
      { groupVersion: 'apps/v1', resources: [{ name: 'deployments', kind: 'Deployment' }] },
      { groupVersion: 'v1', resources: [{ name: 'configmaps', kind: 'ConfigMap' }] },
    ],
    conditions: [
      { type: 'Ready', status: ready ? 'True' : 'False', reason: ready ? 'ClusterReady' : 'ClusterNotReady', message: '', lastTransitionTime: now },
      { type: 'CompleteAPIEnablements', status: 'True', reason: 'CompleteAPIEnablements', message: '', lastTransitionTime: now },
    ],
    resourceSummary: { allocatable: { pods: '110', cpu: '64', memory: '256Gi' } },
  };
  return appendAs(store, subjects.clusterStatus(name), ClusterStatusCollected, { name, uid: `uid-${name}`, status, controllerTaints }, 'cluster-svc');
}

function sample(file: string): KubeObject {
  return parse(readFileSync(new URL(`../../../samples/nginx/${file}`, import.meta.url), 'utf8')) as KubeObject;
}

/** Karmada's samples/nginx Deployment and PropagationPolicy, as the gateway stores them (namespace, uid, permanent id). */
export function nginxSample(namespace: string): { deployment: KubeObject; policy: PropagationPolicy } {
  const deployment = sample('deployment.yaml');
  const policy = sample('propagationpolicy.yaml') as PropagationPolicy;
  return {
    deployment: { ...deployment, metadata: { ...deployment.metadata, namespace, uid: `uid-${namespace}-nginx` } },
    policy: {
      ...policy,
      metadata: { ...policy.metadata, namespace, labels: { 'propagationpolicy.karmada.io/permanent-id': `pp-${namespace}-nginx` } },
    },
  };
}

/** A Deployment of `replicas` in `namespace`. */
export function deployment(namespace: string, name: string, replicas: number): KubeObject {
  const { deployment: nginx } = nginxSample(namespace);
  return { ...nginx, metadata: { ...nginx.metadata, name, uid: `uid-${namespace}-${name}` }, spec: { ...(nginx.spec as object), replicas } };
}

/** A PropagationPolicy with this placement selecting the Deployment `name`. */
export function policy(namespace: string, name: string, placement: Placement): PropagationPolicy {
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name, namespace, labels: { 'propagationpolicy.karmada.io/permanent-id': `pp-${namespace}-${name}` } },
    spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name }], placement },
  };
}

/** policy-svc's binding for a template claimed by a policy. */
export function bindingFor(template: KubeObject, by: PropagationPolicy): ResourceBinding {
  return buildBinding(template, by, { permanentId: `rb-${template.metadata.namespace}-${template.metadata.name}` }) as ResourceBinding;
}

export async function upsertBinding(store: EventStore, subjects: Subjects, binding: AnyResourceBinding, deleting = false): Promise<number> {
  const subject = subjects.binding(binding.metadata.namespace, binding.metadata.name ?? '');
  return appendAs(store, subject, BindingUpserted, { binding: binding as unknown as KubeObjectJson, ...(deleting ? { deleting } : {}) }, 'policy-svc');
}

/** binding-svc's aggregated status: the health of the binding's workload per cluster. */
export async function bindingHealth(store: EventStore, subjects: Subjects, binding: ResourceBinding, health: Record<string, 'Healthy' | 'Unhealthy' | 'Unknown'>): Promise<number> {
  const namespace = binding.metadata.namespace ?? '';
  const name = binding.metadata.name ?? '';
  const aggregatedStatus = Object.entries(health).map(([clusterName, h]) => ({ clusterName, applied: true, health: h }));
  const ref = { kind: 'ResourceBinding' as const, namespace, name, uid: binding.metadata.labels?.['resourcebinding.karmada.io/permanent-id'] ?? '' };
  return appendAs(store, subjects.bindingStatus(namespace, name), BindingStatusAggregated, { binding: ref, aggregatedStatus, conditions: [] }, 'binding-svc');
}
