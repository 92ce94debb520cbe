/**
 * What policy-svc's inputs look like, built as their writers write them: the api-gateway (templates and policies on
 * `template` subjects), scheduler-svc (placements) and binding-svc (the end of a binding's cleanup).
 */
import {
  BindingCleanedUp,
  PlacementDecided,
  type GroupVersionResource,
  type KubeObjectJson,
  type Subjects,
  type TemplateRefJson,
} from '@karmada-ts/contracts';
import { TemplateCleanupFinalizer, type PropagationSpec } from '@karmada-ts/domain';
import type { EventStore } from '@karmada-ts/eventstore';
import { appendAs } from '@karmada-ts/testing';

export const resources = {
  deployments: { group: 'apps', version: 'v1', resource: 'deployments' },
  configMaps: { group: '', version: 'v1', resource: 'configmaps' },
  propagationPolicies: { group: 'policy.karmada.io', version: 'v1alpha1', resource: 'propagationpolicies' },
  overridePolicies: { group: 'policy.karmada.io', version: 'v1alpha1', resource: 'overridepolicies' },
  clusterPropagationPolicies: { group: 'policy.karmada.io', version: 'v1alpha1', resource: 'clusterpropagationpolicies' },
} as const satisfies Record<string, GroupVersionResource>;

/** A Deployment as the gateway stores it: with a uid and the cleanup finalizer the gateway gives templates; `deletedAt` marks it deleting. */
export function deployment(namespace: string, name: string, more: { replicas?: number; labels?: Record<string, string>; configMap?: string; deletedAt?: string } = {}): KubeObjectJson {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace,
      uid: `uid-${namespace}-${name}`,
      labels: more.labels ?? { app: name },
      finalizers: [TemplateCleanupFinalizer],
      ...(more.deletedAt ? { deletionTimestamp: more.deletedAt } : {}),
    },
    spec: {
      replicas: more.replicas ?? 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'nginx',
              resources: { requests: { cpu: '250m', memory: '64Mi' } },
              ...(more.configMap ? { envFrom: [{ configMapRef: { name: more.configMap } }] } : {}),
            },
          ],
        },
      },
    },
  };
}

export function configMap(namespace: string, name: string): KubeObjectJson {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, uid: `uid-${namespace}-${name}`, finalizers: [TemplateCleanupFinalizer] }, data: { key: 'value' } };
}

/** A PropagationPolicy as the gateway stores it: defaulted, with the permanent id its admission stamped. */
export function propagationPolicy(namespace: string, name: string, spec: Partial<PropagationSpec> = {}): KubeObjectJson {
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'PropagationPolicy',
    metadata: { name, namespace, uid: `uid-pp-${namespace}-${name}`, labels: { 'propagationpolicy.karmada.io/permanent-id': `pp-${namespace}-${name}` } },
    spec: { resourceSelectors: [], placement: { clusterAffinity: { clusterNames: ['member1', 'member2'] } }, priority: 0, ...spec },
  };
}

export function clusterPropagationPolicy(name: string, spec: Partial<PropagationSpec> = {}): KubeObjectJson {
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'ClusterPropagationPolicy',
    metadata: { name, uid: `uid-cpp-${name}`, labels: { 'clusterpropagationpolicy.karmada.io/permanent-id': `cpp-${name}` } },
    spec: { resourceSelectors: [], placement: {}, priority: 0, ...spec },
  };
}

export function overridePolicy(namespace: string, name: string): KubeObjectJson {
  return { apiVersion: 'policy.karmada.io/v1alpha1', kind: 'OverridePolicy', metadata: { name, namespace, uid: `uid-op-${namespace}-${name}` }, spec: { overrideRules: [] } };
}

export function selectDeployment(name?: string, labels?: Record<string, string>) {
  return { apiVersion: 'apps/v1', kind: 'Deployment', ...(name ? { name } : {}), ...(labels ? { labelSelector: { matchLabels: labels } } : {}) };
}

/** scheduler-svc's decision for a binding: the clusters it placed it on. */
export async function placementDecided(store: EventStore, subjects: Subjects, namespace: string, name: string, bindingUid: string, clusters: string[]): Promise<number> {
  return appendAs(
    store,
    subjects.placement(namespace, name),
    PlacementDecided,
    {
      binding: { kind: 'ResourceBinding', namespace, name, uid: bindingUid },
      observedBindingSeq: 1,
      clusters: clusters.map((cluster) => ({ name: cluster, replicas: 1 })),
      gracefulEvictionTasks: [],
      scheduledCondition: { type: 'Scheduled', status: 'True', reason: 'Success', message: 'Binding has been scheduled successfully.' },
      explanation: [],
    },
    'scheduler-svc',
  );
}

/** binding-svc: every Work of the deleting binding is cleaned up in its member. */
export async function bindingCleanedUp(store: EventStore, subjects: Subjects, namespace: string, name: string, template: TemplateRefJson): Promise<number> {
  return appendAs(store, subjects.bindingStatus(namespace, name), BindingCleanedUp, { binding: { kind: 'ResourceBinding', namespace, name, uid: 'rb' }, template }, 'binding-svc');
}
