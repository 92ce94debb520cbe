import type { KubeObject, LabelSelector } from '../api/meta.js';
import { BuiltinKind, gvkKey } from './kinds.js';
import { recordAt, recordsAt, stringAt, valueAt, type JsonObject } from './unstructured.js';

/** Karmada's config/v1alpha1 DependentObjectReference: one object a workload needs, by name or by label selector. */
export interface DependentObjectReference {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly labelSelector?: LabelSelector;
}

type DependencyInterpreter = (object: KubeObject) => DependentObjectReference[];

const dependencyInterpreters: Record<string, DependencyInterpreter> = {
  [BuiltinKind.Deployment]: (o) => podDependencies(recordAt(o, 'spec', 'template', 'spec'), o.metadata.namespace),
  [BuiltinKind.ReplicaSet]: (o) => podDependencies(recordAt(o, 'spec', 'template', 'spec'), o.metadata.namespace),
  [BuiltinKind.DaemonSet]: (o) => podDependencies(recordAt(o, 'spec', 'template', 'spec'), o.metadata.namespace),
  [BuiltinKind.Job]: (o) => podDependencies(recordAt(o, 'spec', 'template', 'spec'), o.metadata.namespace),
  [BuiltinKind.CronJob]: (o) => podDependencies(recordAt(o, 'spec', 'jobTemplate', 'spec', 'template', 'spec'), o.metadata.namespace),
  [BuiltinKind.Pod]: (o) => podDependencies(recordAt(o, 'spec'), o.metadata.namespace),
  [BuiltinKind.StatefulSet]: statefulSetDependencies,
  [BuiltinKind.Ingress]: ingressDependencies,
};

export function hasDependencyInterpreter(object: KubeObject): boolean {
  return gvkKey(object) in dependencyInterpreters;
}

/**
 * InterpretDependency: the ConfigMaps, Secrets, ServiceAccounts and PersistentVolumeClaims a workload's pod template
 * references, in that order and each kind sorted by name (Karmada collects them in sets), plus an Ingress's TLS
 * Secrets. Empty for kinds without the operation.
 */
export function interpretDependency(object: KubeObject): DependentObjectReference[] {
  return dependencyInterpreters[gvkKey(object)]?.(object) ?? [];
}

/** References found in a pod spec: volumes (incl. projected), env and envFrom of every container, imagePullSecrets. */
export function podDependencies(podSpec: JsonObject | undefined, namespace: string | undefined): DependentObjectReference[] {
  const ref = (kind: string) => (name: string): DependentObjectReference => ({ apiVersion: 'v1', kind, ...(namespace ? { namespace } : {}), name });
  return [
    ...sortedUnique(configMapNames(podSpec)).map(ref('ConfigMap')),
    ...sortedUnique(secretNames(podSpec)).map(ref('Secret')),
    ...sortedUnique(serviceAccountNames(podSpec)).map(ref('ServiceAccount')),
    ...sortedUnique(pvcNames(podSpec)).map(ref('PersistentVolumeClaim')),
  ];
}

/** Init, app and ephemeral containers, as Kubernetes' VisitContainers walks them. */
function allContainers(podSpec: JsonObject | undefined): JsonObject[] {
  return [...recordsAt(podSpec, 'initContainers'), ...recordsAt(podSpec, 'containers'), ...recordsAt(podSpec, 'ephemeralContainers')];
}

function configMapNames(podSpec: JsonObject | undefined): string[] {
  const fromContainers = allContainers(podSpec).flatMap((c) => [
    ...recordsAt(c, 'envFrom').map((e) => stringAt(e, 'configMapRef', 'name')),
    ...recordsAt(c, 'env').map((e) => stringAt(e, 'valueFrom', 'configMapKeyRef', 'name')),
  ]);
  const fromVolumes = recordsAt(podSpec, 'volumes').flatMap((volume) =>
    recordAt(volume, 'projected')
      ? recordsAt(volume, 'projected', 'sources').map((s) => stringAt(s, 'configMap', 'name'))
      : [stringAt(volume, 'configMap', 'name')],
  );
  return present([...fromContainers, ...fromVolumes]);
}

/** Volume sources that name a Secret, and where: Kubernetes' VisitPodSecretNames. */
const secretVolumeRefs: [source: string, ...path: string[]][] = [
  ['azureFile', 'secretName'],
  ['cephfs', 'secretRef', 'name'],
  ['cinder', 'secretRef', 'name'],
  ['flexVolume', 'secretRef', 'name'],
  ['rbd', 'secretRef', 'name'],
  ['secret', 'secretName'],
  ['scaleIO', 'secretRef', 'name'],
  ['iscsi', 'secretRef', 'name'],
  ['storageos', 'secretRef', 'name'],
  ['csi', 'nodePublishSecretRef', 'name'],
];

function secretNames(podSpec: JsonObject | undefined): string[] {
  const pullSecrets = recordsAt(podSpec, 'imagePullSecrets').map((s) => stringAt(s, 'name'));
  const fromContainers = allContainers(podSpec).flatMap((c) => [
    ...recordsAt(c, 'envFrom').map((e) => stringAt(e, 'secretRef', 'name')),
    ...recordsAt(c, 'env').map((e) => stringAt(e, 'valueFrom', 'secretKeyRef', 'name')),
  ]);
  const fromVolumes = recordsAt(podSpec, 'volumes').flatMap((volume) => {
    if (recordAt(volume, 'projected')) return recordsAt(volume, 'projected', 'sources').map((s) => stringAt(s, 'secret', 'name'));
    return secretVolumeRefs.filter(([source]) => valueAt(volume, source) !== undefined).map(([source, ...path]) => stringAt(volume, source, ...path));
  });
  return present([...pullSecrets, ...fromContainers, ...fromVolumes]);
}

/** The pod's service account, unless it is the namespace's "default" one, which every member namespace has. */
function serviceAccountNames(podSpec: JsonObject | undefined): string[] {
  const name = stringAt(podSpec, 'serviceAccountName');
  return name && name !== 'default' ? [name] : [];
}

function pvcNames(podSpec: JsonObject | undefined): string[] {
  return present(recordsAt(podSpec, 'volumes').map((volume) => stringAt(volume, 'persistentVolumeClaim', 'claimName')));
}

/**
 * A StatefulSet's pod dependencies without the PVCs its volumeClaimTemplates create: those are made per pod by the
 * member's StatefulSet controller, and a same-named PVC in the control plane is only a placeholder.
 */
function statefulSetDependencies(object: KubeObject): DependentObjectReference[] {
  const claimTemplates = new Set(present(recordsAt(object, 'spec', 'volumeClaimTemplates').map((t) => stringAt(t, 'metadata', 'name'))));
  return podDependencies(recordAt(object, 'spec', 'template', 'spec'), object.metadata.namespace).filter(
    (d) => d.kind !== 'PersistentVolumeClaim' || !claimTemplates.has(d.name ?? ''),
  );
}

/**
 * One Secret per TLS entry naming one, in order. (Karmada also lists TLS entries without a secretName, which then fail
 * as a reference with neither name nor selector; they use the controller's default certificate, so they are skipped.)
 */
function ingressDependencies(object: KubeObject): DependentObjectReference[] {
  const namespace = object.metadata.namespace;
  return present(recordsAt(object, 'spec', 'tls').map((tls) => stringAt(tls, 'secretName'))).map((name) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    ...(namespace ? { namespace } : {}),
    name,
  }));
}

function present(names: (string | undefined)[]): string[] {
  return names.filter((name): name is string => typeof name === 'string' && name.length > 0);
}

function sortedUnique(names: string[]): string[] {
  return [...new Set(names)].sort();
}
