/**
 * What binding-svc's inputs look like, built as their writers would write them: the api-gateway (templates:
 * Deployments, Namespaces, Clusters, OverridePolicies), policy-svc (bindings), scheduler-svc (placements) and
 * executor-svc (Work reports).
 */
import {
  BindingUpserted,
  newEnvelope,
  PlacementDecided,
  WorkCleanedUp,
  WorkStatusReported,
  type BindingRefJson,
  type EventType,
  type GroupVersionResource,
  type KubeObjectJson,
  type Subjects,
  type WorkRefJson,
  type WorkRenderedData,
} from '@karmada-ts/contracts';
import { buildBinding, type AnyResourceBinding, type KubeObject, type Overriders, type PropagationPolicy } from '@karmada-ts/domain';
import type { EventStore } from '@karmada-ts/eventstore';
import { appendAs } from '@karmada-ts/testing';

export const resources = {
  deployments: { group: 'apps', version: 'v1', resource: 'deployments' },
  namespaces: { group: '', version: 'v1', resource: 'namespaces' },
  clusters: { group: 'cluster.karmada.io', version: 'v1alpha1', resource: 'clusters' },
  overridePolicies: { group: 'policy.karmada.io', version: 'v1alpha1', resource: 'overridepolicies' },
} as const satisfies Record<string, GroupVersionResource>;

export function deployment(name: string, replicas: number, generation = 1): KubeObjectJson {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', uid: `${name}-uid`, generation, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.19' }] } },
    },
  };
}

export function namespace(name: string): KubeObjectJson {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, uid: `${name}-uid` }, spec: { finalizers: ['kubernetes'] } };
}

export function cluster(name: string, labels: Record<string, string> = {}): KubeObjectJson {
  return { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name, uid: `${name}-uid`, labels }, spec: { syncMode: 'Push' } };
}

export function overridePolicy(name: string, targetClusters: string[], overriders: Overriders): KubeObjectJson {
  return {
    apiVersion: 'policy.karmada.io/v1alpha1',
    kind: 'OverridePolicy',
    metadata: { name, namespace: 'default', uid: `${name}-uid` },
    spec: {
      resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx' }],
      overrideRules: [{ targetCluster: { clusterNames: targetClusters }, overriders }],
    },
  };
}

const propagationPolicy: PropagationPolicy = {
  apiVersion: 'policy.karmada.io/v1alpha1',
  kind: 'PropagationPolicy',
  metadata: { name: 'nginx-propagation', namespace: 'default', labels: { 'propagationpolicy.karmada.io/permanent-id': 'pp-id' } },
  spec: { resourceSelectors: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx' }] },
};

/** policy-svc's binding of a template (Karmada's BuildResourceBinding, plus the uid the API would give it). */
export function bindingOf(template: KubeObjectJson): AnyResourceBinding {
  const built = buildBinding(template as unknown as KubeObject, propagationPolicy, { permanentId: `${template.metadata.name}-rb-id` });
  return { ...built, metadata: { ...built.metadata, uid: `${built.metadata.name}-uid` } };
}

export function bindingRef(binding: AnyResourceBinding): BindingRefJson {
  return { kind: binding.kind, namespace: binding.metadata.namespace, name: binding.metadata.name ?? '', uid: binding.metadata.uid ?? '' };
}

/** policy-svc's events on `binding` subjects. */
export class PolicySvc {
  constructor(
    private readonly store: EventStore,
    private readonly subjects: Subjects,
  ) {}

  upsert(binding: AnyResourceBinding, deleting = false): Promise<number> {
    const subject = this.subjects.binding(binding.metadata.namespace, binding.metadata.name ?? '');
    return appendAs(this.store, subject, BindingUpserted, { binding: binding as unknown as KubeObjectJson, ...(deleting ? { deleting } : {}) }, 'binding-svc-test:policy-svc');
  }
}

/** scheduler-svc's events on `placement` subjects. */
export class SchedulerSvc {
  constructor(
    private readonly store: EventStore,
    private readonly subjects: Subjects,
  ) {}

  place(binding: AnyResourceBinding, clusters: Record<string, number>, bindingSeq: number): Promise<number> {
    const subject = this.subjects.placement(binding.metadata.namespace, binding.metadata.name ?? '');
    return appendAs(
      this.store,
      subject,
      PlacementDecided,
      {
        binding: bindingRef(binding),
        observedBindingSeq: bindingSeq,
        clusters: Object.entries(clusters).map(([name, replicas]) => ({ name, replicas })),
        gracefulEvictionTasks: [],
        scheduledCondition: { type: 'Scheduled', status: 'True', reason: 'Success', message: 'Binding has been scheduled successfully.', lastTransitionTime: new Date().toISOString() },
        explanation: [],
      },
      'binding-svc-test:scheduler-svc',
    );
  }
}

/** executor-svc's events on `workstatus` subjects. */
export class ExecutorSvc {
  constructor(
    private readonly store: EventStore,
    private readonly subjects: Subjects,
  ) {}

  /** The Work applied in its member, whose Deployment reports `ready` of `replicas` ready. */
  reportDeployment(rendered: { data: WorkRenderedData; seq: number }, replicas: number, ready: number): Promise<number> {
    const work = workRef(rendered.data);
    const manifest = rendered.data.work['spec'] as { workload: { manifests: KubeObjectJson[] } };
    const object = manifest.workload.manifests[0]!;
    const generation = Number(object.metadata.annotations?.['resourcetemplate.karmada.io/generation'] ?? '0');
    const status = {
      conditions: [{ type: 'Applied', status: 'True', reason: 'AppliedSuccessful', message: 'Manifest has been successfully applied', lastTransitionTime: new Date().toISOString() }],
      manifestStatuses: [
        {
          identifier: { ordinal: 0, group: 'apps', version: 'v1', kind: 'Deployment', resource: 'deployments', namespace: object.metadata.namespace, name: object.metadata.name },
          status: { replicas, readyReplicas: ready, availableReplicas: ready, updatedReplicas: replicas, observedGeneration: 1, generation: 1, resourceTemplateGeneration: generation },
          health: ready === replicas ? 'Healthy' : 'Unhealthy',
        },
      ],
    };
    return appendAs(this.store, this.subjects.workStatus(work.namespace, work.name), WorkStatusReported, { work, observedWorkSeq: rendered.seq, status }, 'binding-svc-test:executor-svc');
  }

  cleanedUp(data: WorkRenderedData): Promise<number> {
    const work = workRef(data);
    return appendAs(this.store, this.subjects.workStatus(work.namespace, work.name), WorkCleanedUp, { work, preserved: false }, 'binding-svc-test:executor-svc');
  }
}

function workRef(data: WorkRenderedData): WorkRefJson {
  return { namespace: data.work.metadata.namespace ?? '', name: data.work.metadata.name ?? '', uid: data.work.metadata.uid ?? '', cluster: data.cluster };
}

/** An event as it comes out of the stream at `seq`, for feeding a projection directly (no stream involved). */
export function storedEvent<Type extends string, Data>(type: EventType<Type, Data>, seq: number, fields: { subject: string; actor: string; data: Data }) {
  const envelope = newEnvelope(type, { id: `${type.type}-${seq}`, correlationId: 'test', causationId: 'test', time: '2026-01-01T00:00:00.000Z', ...fields });
  return { ...envelope, seq };
}
