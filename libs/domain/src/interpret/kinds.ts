import type { KubeObject } from '../api/meta.js';

/**
 * The built-in kinds Karmada's default interpreter knows, by apiVersion and kind. Karmada keys its interpreters by
 * GroupVersionKind, so a Deployment served as extensions/v1beta1 gets none of them.
 */
export const BuiltinKind = {
  Deployment: 'apps/v1/Deployment',
  StatefulSet: 'apps/v1/StatefulSet',
  ReplicaSet: 'apps/v1/ReplicaSet',
  DaemonSet: 'apps/v1/DaemonSet',
  Job: 'batch/v1/Job',
  CronJob: 'batch/v1/CronJob',
  Pod: 'v1/Pod',
  Service: 'v1/Service',
  ServiceAccount: 'v1/ServiceAccount',
  Secret: 'v1/Secret',
  PersistentVolumeClaim: 'v1/PersistentVolumeClaim',
  PersistentVolume: 'v1/PersistentVolume',
  Ingress: 'networking.k8s.io/v1/Ingress',
  PodDisruptionBudget: 'policy/v1/PodDisruptionBudget',
} as const;
export type BuiltinKind = (typeof BuiltinKind)[keyof typeof BuiltinKind];

/** "apps/v1/Deployment" for an apps/v1 Deployment: the key of the interpreter tables. */
export function gvkKey(object: Pick<KubeObject, 'apiVersion' | 'kind'>): string {
  return `${object.apiVersion}/${object.kind}`;
}
