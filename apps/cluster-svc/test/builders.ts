import { randomUUID } from 'node:crypto';
import {
  newEnvelope,
  ResourceCreated,
  ResourceDeleted,
  ResourceUpdated,
  WorkCleanedUp,
  WorkDeletionRequested,
  WorkRendered,
  type Envelope,
  type KubeObjectJson,
  type SealedSecretData,
  type Subjects,
} from '@karmada-ts/contracts';
import { executionSpaceName, type ClusterSpec } from '@karmada-ts/domain';

/** The inputs of cluster-svc, shaped as their writers (the gateway, binding-svc, executor-svc) append them. */

const clusterGvr = { group: 'cluster.karmada.io', version: 'v1alpha1', resource: 'clusters' };
const secretGvr = { group: '', version: 'v1', resource: 'secrets' };

let counter = 0;
function ids(prefix: string) {
  const id = `${prefix}-${++counter}-${randomUUID()}`;
  return { id, correlationId: `req-${id}`, causationId: `req-${id}`, time: new Date().toISOString() };
}

/** A Cluster as `karmadactl join` creates it and the gateway stores it (uid assigned, controller finalizer added). */
export function joinedCluster(name: string, server: string, options: { uid?: string; spec?: Partial<ClusterSpec> } = {}): KubeObjectJson {
  return {
    apiVersion: 'cluster.karmada.io/v1alpha1',
    kind: 'Cluster',
    metadata: { name, uid: options.uid ?? randomUUID(), finalizers: ['karmada.io/cluster-controller'] },
    spec: { syncMode: 'Push', apiEndpoint: server, secretRef: { namespace: 'karmada-cluster', name }, ...options.spec },
  };
}

/** The Cluster after `kubectl delete cluster`: marked, kept while finalizers remain. */
export function deleting(cluster: KubeObjectJson): KubeObjectJson {
  return { ...cluster, metadata: { ...cluster.metadata, deletionTimestamp: new Date().toISOString() } };
}

export function clusterCreated(subjects: Subjects, cluster: KubeObjectJson): Envelope {
  const subject = subjects.template(clusterGvr, undefined, cluster.metadata.name!);
  return newEnvelope(ResourceCreated, { ...ids('create'), subject, actor: 'user:admin', data: { resource: clusterGvr, object: cluster } });
}

export function clusterUpdated(subjects: Subjects, cluster: KubeObjectJson): Envelope {
  const subject = subjects.template(clusterGvr, undefined, cluster.metadata.name!);
  return newEnvelope(ResourceUpdated, { ...ids('update'), subject, actor: 'user:admin', data: { resource: clusterGvr, object: cluster } });
}

export function clusterDeleted(subjects: Subjects, cluster: KubeObjectJson): Envelope {
  const subject = subjects.template(clusterGvr, undefined, cluster.metadata.name!);
  return newEnvelope(ResourceDeleted, { ...ids('delete'), subject, actor: 'user:admin', data: { resource: clusterGvr, object: cluster } });
}

/** A join Secret as the gateway records it: the object without data, and where its sealed values are. */
export function secretCreated(subjects: Subjects, namespace: string, name: string, sealedData: SealedSecretData): Envelope {
  const subject = subjects.template(secretGvr, namespace, name);
  const object: KubeObjectJson = { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace, uid: randomUUID() }, type: 'Opaque' };
  return newEnvelope(ResourceCreated, { ...ids('secret'), subject, actor: 'user:admin', data: { resource: secretGvr, object, sealedData } });
}

export interface TestWork {
  readonly cluster: string;
  readonly name: string;
  readonly uid: string;
}

export function testWork(cluster: string, name: string): TestWork {
  return { cluster, name, uid: randomUUID() };
}

const binding = { kind: 'ResourceBinding' as const, namespace: 'default', name: 'web-deployment', uid: 'binding-uid' };

function workObject(work: TestWork): KubeObjectJson {
  return {
    apiVersion: 'work.karmada.io/v1alpha1',
    kind: 'Work',
    metadata: { name: work.name, namespace: executionSpaceName(work.cluster), uid: work.uid },
    spec: { workload: { manifests: [] } },
  };
}

export function workRendered(subjects: Subjects, work: TestWork): Envelope {
  const subject = subjects.work(executionSpaceName(work.cluster), work.name);
  return newEnvelope(WorkRendered, { ...ids('work'), subject, actor: 'binding-svc', data: { work: workObject(work), binding, cluster: work.cluster } });
}

export function workDeletionRequested(subjects: Subjects, work: TestWork): Envelope {
  const subject = subjects.work(executionSpaceName(work.cluster), work.name);
  return newEnvelope(WorkDeletionRequested, { ...ids('unwork'), subject, actor: 'binding-svc', data: { work: workObject(work), binding, cluster: work.cluster } });
}

export function workCleanedUp(subjects: Subjects, work: TestWork): Envelope {
  const namespace = executionSpaceName(work.cluster);
  const subject = subjects.workStatus(namespace, work.name);
  return newEnvelope(WorkCleanedUp, {
    ...ids('cleaned'),
    subject,
    actor: 'executor-svc',
    data: { work: { namespace, name: work.name, uid: work.uid, cluster: work.cluster }, preserved: false },
  });
}
