import { randomUUID } from 'node:crypto';
import {
  ClusterStatusCollected,
  newEnvelope,
  ResourceCreated,
  ResourceUpdated,
  WorkDeletionRequested,
  WorkRendered,
  type Envelope,
  type EventType,
  type Subjects,
} from '@karmada-ts/contracts';
import { executionSpaceName, workWithManifest, type Cluster, type KubeObject, type SealedManifest, type Work } from '@karmada-ts/domain';

/** Inputs as the services that own them would append them: the gateway (Cluster, Secret), cluster-svc, binding-svc. */

const clusterGvr = { group: 'cluster.karmada.io', version: 'v1alpha1', resource: 'clusters' };
const secretGvr = { group: '', version: 'v1', resource: 'secrets' };
const clusterSecretNamespace = 'karmada-cluster';

function envelope<Type extends string, Data>(type: EventType<Type, Data>, subject: string, data: Data, actor: string): Envelope<Data, Type> {
  const id = randomUUID();
  return newEnvelope(type, { id, correlationId: id, causationId: id, subject, time: new Date().toISOString(), actor, data });
}

/** The Cluster `karmadactl join` registers: Push mode, the member's endpoint, its Secret in karmada-cluster. */
export function clusterObject(name: string, apiEndpoint: string, extra: { uid?: string; deletionTimestamp?: string } = {}): Cluster {
  return {
    apiVersion: 'cluster.karmada.io/v1alpha1',
    kind: 'Cluster',
    metadata: { name, uid: extra.uid ?? `uid-${name}`, ...(extra.deletionTimestamp ? { deletionTimestamp: extra.deletionTimestamp } : {}) },
    spec: { syncMode: 'Push', apiEndpoint, secretRef: { namespace: clusterSecretNamespace, name } },
  };
}

export function clusterWritten(subjects: Subjects, cluster: Cluster, update = false): Envelope {
  const subject = subjects.template(clusterGvr, undefined, cluster.metadata.name ?? '');
  return envelope(update ? ResourceUpdated : ResourceCreated, subject, { resource: clusterGvr, object: cluster }, 'user:admin');
}

/** The join Secret as the gateway writes it: the object without data, and where its encrypted values are. */
export function clusterSecretCreated(subjects: Subjects, cluster: string, ref: string): Envelope {
  const subject = subjects.template(secretGvr, clusterSecretNamespace, cluster);
  const object = { apiVersion: 'v1', kind: 'Secret', metadata: { name: cluster, namespace: clusterSecretNamespace }, type: 'Opaque' };
  return envelope(ResourceCreated, subject, { resource: secretGvr, object, sealedData: { ref, digest: 'hmac-sha256:test', keys: ['caBundle', 'token'] } }, 'user:admin');
}

export function secretKey(cluster: string, ref: string) {
  return { namespace: clusterSecretNamespace, name: cluster, ref };
}

/** What cluster-svc publishes: the Ready condition (True or False). */
export function clusterStatusCollected(subjects: Subjects, cluster: string, ready: boolean): Envelope {
  const condition = ready
    ? { type: 'Ready', status: 'True', reason: 'ClusterReady', message: 'cluster is healthy and ready to accept workloads', lastTransitionTime: new Date().toISOString() }
    : { type: 'Ready', status: 'False', reason: 'ClusterNotReachable', message: 'cluster is not reachable', lastTransitionTime: new Date().toISOString() };
  return envelope(ClusterStatusCollected, subjects.clusterStatus(cluster), { name: cluster, uid: `uid-${cluster}`, status: { conditions: [condition] } }, 'system:cluster-svc');
}

export function deployment(name: string, namespace: string, replicas: number, image = 'nginx:1.27'): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, uid: `template-${name}`, generation: 1, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image }] } },
    },
  };
}

export function configMap(name: string, namespace: string, data: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, uid: `template-${name}` }, data };
}

export interface WorkOptions {
  conflictResolution?: 'overwrite' | 'abort';
  preserveResourcesOnDeletion?: boolean;
  suspendDispatching?: boolean;
}

/** The Work binding-svc renders for a template and a cluster (one manifest, Karmada's metadata on it). */
export function workOf(cluster: string, workload: KubeObject, options: WorkOptions = {}): Work {
  const name = `${workload.metadata.name}-${workload.kind.toLowerCase()}`;
  const work = workWithManifest(
    {
      name,
      namespace: executionSpaceName(cluster),
      labels: { 'resourcebinding.karmada.io/permanent-id': `rb-${name}` },
      annotations: {
        'resourcebinding.karmada.io/namespace': workload.metadata.namespace ?? '',
        'resourcebinding.karmada.io/name': name,
        ...(options.conflictResolution ? { 'work.karmada.io/conflict-resolution': options.conflictResolution } : {}),
      },
    },
    workload,
    {
      ...(options.suspendDispatching !== undefined ? { suspendDispatching: options.suspendDispatching } : {}),
      ...(options.preserveResourcesOnDeletion !== undefined ? { preserveResourcesOnDeletion: options.preserveResourcesOnDeletion } : {}),
    },
  );
  return { ...work, metadata: { ...work.metadata, uid: `work-${cluster}-${name}` } };
}

function workData(work: Work, cluster: string) {
  const name = work.metadata.name ?? '';
  return { work, cluster, binding: { kind: 'ResourceBinding' as const, namespace: 'default', name, uid: `rb-${name}` } };
}

/** `sealedManifests`: the Work's Secrets whose values are in the encrypted store (see storeSecretValues). */
export function workRendered(subjects: Subjects, cluster: string, work: Work, sealedManifests: readonly SealedManifest[] = []): Envelope {
  const data = { ...workData(work, cluster), ...(sealedManifests.length > 0 ? { sealedManifests } : {}) };
  return envelope(WorkRendered, subjects.work(work.metadata.namespace ?? '', work.metadata.name ?? ''), data, 'system:binding-svc');
}

/** A Secret template as the gateway's events carry it: without data. */
export function secretTemplate(name: string, namespace: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace, uid: `template-${name}` }, type: 'Opaque' };
}

export function workDeletionRequested(subjects: Subjects, cluster: string, work: Work): Envelope {
  const deleting = { ...work, metadata: { ...work.metadata, deletionTimestamp: new Date().toISOString() } };
  return envelope(WorkDeletionRequested, subjects.work(work.metadata.namespace ?? '', work.metadata.name ?? ''), workData(deleting, cluster), 'system:binding-svc');
}
