import type { KubeObject, ObjectMeta } from '../api/meta.js';
import { deepCopy, isRecord, recordAt, recordsAt, type JsonObject } from '../interpret/unstructured.js';

/** Metadata the control plane's API server sets, which a member cluster must set for itself. */
const serverSetMetadata = [
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'generation',
  'managedFields',
  'resourceVersion',
  'selfLink',
  'uid',
  'ownerReferences',
  'finalizers',
] as const;

type Pruner = (object: KubeObject) => void;

const kindPruners: Record<string, Pruner> = {
  Deployment: (o) => removeAnnotations(o, ['deployment.kubernetes.io/revision', 'deployment.kubernetes.io/revision-history']),
  Job: pruneJob,
  Secret: (o) => {
    if (o['type'] !== 'kubernetes.io/service-account-token') return;
    removeAnnotations(o, ['kubernetes.io/service-account.uid']);
    delete o['data'];
  },
  ServiceAccount: (o) => {
    const tokenPrefix = `${o.metadata.name ?? ''}-token-`;
    if (Array.isArray(o['secrets'])) o['secrets'] = recordsAt(o, 'secrets').filter((s) => !String(s['name'] ?? '').startsWith(tokenPrefix));
  },
  Service: (o) => {
    const spec = recordAt(o, 'spec');
    if (!spec || spec['clusterIP'] === undefined || spec['clusterIP'] === 'None') return;
    delete spec['clusterIP'];
    delete spec['clusterIPs'];
  },
  PersistentVolumeClaim: (o) => {
    if (o.metadata.annotations?.['volume.kubernetes.io/selected-node']) removeAnnotations(o, ['volume.kubernetes.io/selected-node']);
  },
};

/**
 * A copy of a resource template fit to be a Work manifest (Karmada's prune.RemoveIrrelevantFields plus its Job TTL
 * hook): no status, no server-set metadata (uid, resourceVersion, generation, creationTimestamp, managedFields,
 * ownerReferences, finalizers, selfLink, deletion fields), and per kind what belongs to the member: a Deployment's
 * revision annotations, a Job's generated selector labels and ttlSecondsAfterFinished, a Service's allocated
 * clusterIP(s) (not "None"), a ServiceAccount's token secrets, a service-account-token Secret's data, a PVC's
 * selected-node annotation. kubectl's last-applied-configuration annotation is kept, as in Karmada.
 */
export function pruneIrrelevantFields<T extends KubeObject>(template: T): T {
  const copy = deepCopy(template);
  const metadata: Record<string, unknown> = copy.metadata as ObjectMeta & Record<string, unknown>;
  for (const field of serverSetMetadata) delete metadata[field];
  delete copy.status;
  kindPruners[copy.kind]?.(copy);
  return copy;
}

function pruneJob(job: KubeObject): void {
  const spec = recordAt(job, 'spec');
  if (!spec) return;
  delete spec['ttlSecondsAfterFinished'];
  if (spec['manualSelector'] === true) return;
  deleteKeys(recordAt(spec, 'selector', 'matchLabels'), ['controller-uid', 'batch.kubernetes.io/controller-uid']);
  deleteKeys(recordAt(spec, 'template', 'metadata', 'labels'), ['controller-uid', 'job-name', 'batch.kubernetes.io/controller-uid', 'batch.kubernetes.io/job-name']);
}

function removeAnnotations(object: KubeObject, keys: readonly string[]): void {
  if (object.metadata.annotations) deleteKeys(object.metadata.annotations, keys);
}

function deleteKeys(map: JsonObject | Record<string, string> | undefined, keys: readonly string[]): void {
  if (!map || !isRecord(map)) return;
  for (const key of keys) delete map[key];
}
