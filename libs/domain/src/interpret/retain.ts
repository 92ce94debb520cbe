import type { KubeObject } from '../api/meta.js';
import { KarmadaAnnotation, KarmadaLabel, KarmadaLabelValue } from '../api/well-known.js';
import { BuiltinKind, gvkKey } from './kinds.js';
import { deepCopy, isRecord, numberAt, recordAt, recordsAt, stringAt, valueAt, type JsonObject } from './unstructured.js';

type Retainer = (desired: KubeObject, observed: KubeObject) => void;

/**
 * The object to send when updating a member object: the desired object plus what the member cluster owns (Karmada's
 * objectwatcher retainClusterFields followed by the Retain interpreter). Nothing is edited in place.
 *
 * - Always: resourceVersion, finalizers and ownerReferences from the member; labels and annotations the member added
 *   (those Karmada once propagated and has since dropped, per the managed-labels/-annotations records, go away).
 * - Per kind: Service clusterIP, clusterIPs, healthCheckNodePort and allocated nodePorts; ServiceAccount secrets and
 *   imagePullSecrets; PVC volumeName; PV claimRef; Pod nodeName, serviceAccountName, volumes and volumeMounts; Job
 *   selector and template labels (the member's generated controller-uid); service-account-token Secret data; a
 *   Deployment's replicas when it carries resourcetemplate.karmada.io/retain-replicas=true (an HPA in the member).
 *   Service clusterIPs and nodePorts go beyond Karmada, which leaves them to the API server's own retention.
 */
export function retainMemberFields<T extends KubeObject>(desired: T, observed: KubeObject): T {
  const result = deepCopy(desired);
  retainMetadata(result, observed);
  retainers[gvkKey(desired)]?.(result, observed);
  return result;
}

function retainMetadata(desired: KubeObject, observed: KubeObject): void {
  const meta = desired.metadata;
  const observedMeta = observed.metadata;
  if (observedMeta.resourceVersion) meta.resourceVersion = observedMeta.resourceVersion;
  else delete meta.resourceVersion;
  if (observedMeta.finalizers?.length) meta.finalizers = [...observedMeta.finalizers];
  else delete meta.finalizers;
  if (observedMeta.ownerReferences?.length) meta.ownerReferences = deepCopy(observedMeta.ownerReferences);
  else delete meta.ownerReferences;
  const labels = retainMap(meta.labels, observedMeta.labels, observedMeta.annotations?.[KarmadaAnnotation.ManagedLabels]);
  if (labels) meta.labels = labels;
  const annotations = retainMap(meta.annotations, observedMeta.annotations, observedMeta.annotations?.[KarmadaAnnotation.ManagedAnnotations]);
  if (annotations) meta.annotations = annotations;
}

/** Desired entries win; member entries are kept unless Karmada propagated them before and no longer wants them. */
function retainMap(
  desired: Record<string, string> | undefined,
  observed: Record<string, string> | undefined,
  managedRecord: string | undefined,
): Record<string, string> | undefined {
  const wanted = desired ?? {};
  const dropped = new Set((managedRecord ?? '').split(',').filter((key) => !(key in wanted)));
  const merged = { ...Object.fromEntries(Object.entries(observed ?? {}).filter(([key]) => !dropped.has(key))), ...wanted };
  return Object.keys(merged).length > 0 ? merged : undefined;
}

const retainers: Record<string, Retainer> = {
  [BuiltinKind.Deployment]: (desired, observed) => {
    if (desired.metadata.labels?.[KarmadaLabel.RetainReplicas] !== KarmadaLabelValue.RetainReplicas) return;
    const replicas = numberAt(observed, 'spec', 'replicas');
    if (replicas !== undefined) specOf(desired)['replicas'] = replicas;
  },
  [BuiltinKind.Pod]: (desired, observed) => {
    const spec = specOf(desired);
    for (const field of ['nodeName', 'serviceAccountName', 'volumes']) copyField(spec, observed, field);
    for (const list of ['containers', 'initContainers']) {
      for (const observedContainer of recordsAt(observed, 'spec', list)) {
        const container = recordsAt(spec, list).find((c) => c['name'] === observedContainer['name']);
        if (!container) continue;
        if (observedContainer['volumeMounts'] === undefined) delete container['volumeMounts'];
        else container['volumeMounts'] = deepCopy(observedContainer['volumeMounts']);
      }
    }
  },
  [BuiltinKind.Service]: retainServiceFields,
  [BuiltinKind.ServiceAccount]: (desired, observed) => {
    for (const field of ['secrets', 'imagePullSecrets']) {
      const own = recordsAt(desired, field);
      const names = new Set(own.map((s) => s['name']));
      const merged = [...own, ...recordsAt(observed, field).filter((s) => !names.has(s['name'])).map((s) => deepCopy(s))];
      if (merged.length > 0) desired[field] = merged;
    }
  },
  [BuiltinKind.PersistentVolumeClaim]: (desired, observed) => {
    const volumeName = stringAt(observed, 'spec', 'volumeName');
    if (volumeName) specOf(desired)['volumeName'] = volumeName;
  },
  [BuiltinKind.PersistentVolume]: (desired, observed) => {
    const claimRef = valueAt(observed, 'spec', 'claimRef');
    if (claimRef !== undefined) specOf(desired)['claimRef'] = deepCopy(claimRef);
  },
  [BuiltinKind.Job]: (desired, observed) => {
    const matchLabels = recordAt(observed, 'spec', 'selector', 'matchLabels');
    if (matchLabels) {
      const spec = specOf(desired);
      spec['selector'] = { ...(recordAt(spec, 'selector') ?? {}), matchLabels: deepCopy(matchLabels) };
    }
    const templateLabels = recordAt(observed, 'spec', 'template', 'metadata', 'labels');
    if (templateLabels) {
      const template = childOf(specOf(desired), 'template');
      template['metadata'] = { ...(recordAt(template, 'metadata') ?? {}), labels: deepCopy(templateLabels) };
    }
  },
  [BuiltinKind.Secret]: (desired, observed) => {
    if (desired['type'] !== 'kubernetes.io/service-account-token') return;
    const data = recordAt(observed, 'data');
    if (data) desired['data'] = deepCopy(data);
  },
};

function retainServiceFields(desired: KubeObject, observed: KubeObject): void {
  const spec = specOf(desired);
  const healthCheckNodePort = numberAt(observed, 'spec', 'healthCheckNodePort');
  if (healthCheckNodePort && healthCheckNodePort > 0) spec['healthCheckNodePort'] = healthCheckNodePort;
  const clusterIP = stringAt(observed, 'spec', 'clusterIP');
  if (clusterIP) spec['clusterIP'] = clusterIP;
  if (spec['clusterIPs'] === undefined && valueAt(observed, 'spec', 'clusterIPs') !== undefined) spec['clusterIPs'] = deepCopy(valueAt(observed, 'spec', 'clusterIPs'));
  const type = stringAt(spec, 'type');
  if (type !== 'NodePort' && type !== 'LoadBalancer') return;
  const observedPorts = recordsAt(observed, 'spec', 'ports');
  for (const port of recordsAt(spec, 'ports')) {
    if (port['nodePort'] !== undefined) continue;
    const same = observedPorts.find((p) => p['port'] === port['port'] && (p['protocol'] ?? 'TCP') === (port['protocol'] ?? 'TCP'));
    if (same?.['nodePort'] !== undefined) port['nodePort'] = same['nodePort'];
  }
}

function specOf(object: KubeObject): JsonObject {
  if (!isRecord(object.spec)) object.spec = {};
  return object.spec as JsonObject;
}

function childOf(parent: JsonObject, key: string): JsonObject {
  const child = parent[key];
  if (isRecord(child)) return child;
  const created: JsonObject = {};
  parent[key] = created;
  return created;
}

function copyField(spec: JsonObject, observed: KubeObject, field: string): void {
  const value = valueAt(observed, 'spec', field);
  if (value === undefined) delete spec[field];
  else spec[field] = deepCopy(value);
}
