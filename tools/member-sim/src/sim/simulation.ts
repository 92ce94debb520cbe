import { assertNever, forbidden, type KubeObject, type MemoryResourceStore, type ResourceService, type StoreChange } from '@karmada-ts/kube';
import type { NodeGroupConfig } from '../config.js';
import { ClusterState, refKey, type ObjectRef } from './cluster-state.js';
import { reconcileDaemonSet } from './controllers/daemonset-controller.js';
import { reconcileDeployment } from './controllers/deployment-controller.js';
import { collectDependents, finishDeletion } from './controllers/garbage-collector.js';
import { reconcileJob } from './controllers/job-controller.js';
import { Kubelet } from './controllers/kubelet.js';
import { reconcileReplicaSet } from './controllers/replicaset-controller.js';
import { schedulePendingPods } from './controllers/scheduler.js';
import { reconcileStatefulSet } from './controllers/statefulset-controller.js';
import { nodeEntries, nodeObject } from './node-objects.js';
import { nodeNameOf } from './pod-status.js';
import { ServiceAddressAllocator } from './service-addresses.js';
import { resources, SimContext } from './sim-context.js';
import type { TimerQueue } from './timer-queue.js';

export interface SimulationOptions {
  cluster: string;
  service: ResourceService;
  store: MemoryResourceStore;
  timers: TimerQueue;
  podReadySeconds: number;
  kubernetesVersion: string;
}

type WorkloadKind = 'deployment' | 'replicaset' | 'statefulset' | 'daemonset' | 'job';

type Task =
  | { kind: WorkloadKind; namespace: string; name: string }
  | { kind: 'finish-deletion'; ref: ObjectRef }
  | { kind: 'collect'; owner: KubeObject; dependents: ObjectRef[] }
  | { kind: 'namespace-deleted'; namespace: string }
  | { kind: 'node-deleted'; pods: ObjectRef[] }
  | { kind: 'all-daemonsets' };

/** Workload resources by plural, with their group (looked up without building a key per store change). */
const workloadKinds = new Map<string, { group: string; kind: WorkloadKind }>([
  ['deployments', { group: 'apps', kind: 'deployment' }],
  ['replicasets', { group: 'apps', kind: 'replicaset' }],
  ['statefulsets', { group: 'apps', kind: 'statefulset' }],
  ['daemonsets', { group: 'apps', kind: 'daemonset' }],
  ['jobs', { group: 'batch', kind: 'job' }],
]);

function workloadKindOf(resource: { group: string; resource: string }): WorkloadKind | undefined {
  const entry = workloadKinds.get(resource.resource);
  return entry !== undefined && entry.group === resource.group ? entry.kind : undefined;
}

const ownerKinds: Record<string, WorkloadKind> = {
  Deployment: 'deployment',
  ReplicaSet: 'replicaset',
  StatefulSet: 'statefulset',
  DaemonSet: 'daemonset',
  Job: 'job',
};

const protectedNamespaces = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

/**
 * The controllers of one simulated cluster. Store changes (synchronous) update indexes and queue reconcile tasks;
 * the queue drains on the next turn of the event loop, one task at a time, so an idle cluster costs nothing.
 */
export class Simulation {
  readonly state = new ClusterState();
  private readonly ctx: SimContext;
  private readonly kubelet: Kubelet;
  private readonly tasks = new Map<string, Task>();
  private scheduling = false;
  private draining = false;
  private stopped = false;
  private unsubscribe: (() => void) | undefined;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: SimulationOptions) {
    this.ctx = new SimContext(options.cluster, options.service, options.store, this.state, options.timers, options.podReadySeconds * 1000, options.kubernetesVersion);
    this.kubelet = new Kubelet(this.ctx);
    options.service.addHooks(resources.namespaces, {
      admitDelete: (ns) => {
        if (protectedNamespaces.has(ns.metadata.name ?? '')) throw forbidden({ group: '', resource: 'namespaces' }, ns.metadata.name ?? '', 'this namespace may not be deleted');
      },
    });
    options.service.addHooks({ group: '', resource: 'services' }, new ServiceAddressAllocator().hooks());
  }

  start(): void {
    this.unsubscribe = this.options.store.subscribe((change) => this.observe(change));
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.tasks.clear();
  }

  /** Resolves once no reconcile work is queued or running (tests and benchmarks). */
  idle(): Promise<void> {
    if (!this.draining && this.tasks.size === 0 && !this.scheduling) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Creates, updates and removes node objects to match the node groups. */
  async setNodes(groups: readonly NodeGroupConfig[]): Promise<void> {
    const entries = nodeEntries(this.options.cluster, groups);
    const wanted = new Set(entries.map((e) => e.name));
    const now = this.ctx.now();
    for (const node of this.ctx.list(resources.nodes)) {
      if (!wanted.has(node.metadata.name ?? '')) await this.ctx.delete(resources.nodes, '', node.metadata.name ?? '');
    }
    for (const entry of entries) {
      const desired = nodeObject(entry, this.options.kubernetesVersion, now);
      const existing = this.ctx.peek(resources.nodes, '', entry.name);
      if (!existing) {
        await this.ctx.create(resources.nodes, desired, { preserveStatus: true });
        continue;
      }
      const status = { ...(existing['status'] as object), capacity: (desired['status'] as { capacity: object }).capacity, allocatable: (desired['status'] as { allocatable: object }).allocatable, conditions: (desired['status'] as { conditions: object }).conditions };
      await this.ctx.update(resources.nodes, { ...existing, metadata: { ...existing.metadata, labels: desired.metadata.labels }, spec: desired['spec'], status }, { preserveStatus: true });
    }
  }

  private observe(change: StoreChange): void {
    if (this.stopped) return;
    this.state.apply(change);
    const { object, previous, type, resource } = change;
    const namespace = object.metadata.namespace ?? '';
    const name = object.metadata.name ?? '';
    const workload = workloadKindOf(resource);
    if (workload) {
      if (this.concernsOwnController(change)) this.enqueue({ kind: workload, namespace, name });
      this.enqueueOwner(object);
    } else if (resource.group === '') {
      if (resource.resource === 'pods') {
        this.enqueueOwner(object);
        if (type === 'DELETED') this.scheduling = true;
        else if (!nodeNameOf(object) || object.metadata.deletionTimestamp || previous?.['status'] !== object['status']) this.scheduling = true;
        this.kubelet.observe(type === 'DELETED' ? undefined : object, previous);
      } else if (resource.resource === 'nodes') {
        this.scheduling = true;
        this.enqueue({ kind: 'all-daemonsets' });
        if (type === 'DELETED') {
          const pods = [...(this.state.podsByNode.get(name) ?? [])].map((k) => this.refFromKey(k));
          this.enqueue({ kind: 'node-deleted', pods }, `node-deleted:${name}`);
        }
      } else if (resource.resource === 'namespaces' && type === 'DELETED') this.enqueue({ kind: 'namespace-deleted', namespace: name });
    }
    if (type === 'DELETED') {
      this.ctx.forget(object.metadata.uid);
      const dependents = this.state.ownedBy(object.metadata.uid);
      if (dependents.length > 0) this.enqueue({ kind: 'collect', owner: object, dependents }, `collect:${object.metadata.uid}`);
      for (const owner of object.metadata.ownerReferences ?? []) this.enqueueDeletingOwner(owner.uid);
    } else if (object.metadata.deletionTimestamp && (object.metadata.finalizers ?? []).some((f) => f === 'orphan' || f === 'foregroundDeletion')) {
      const ref: ObjectRef = { group: resource.group, resource: resource.resource, namespace, name };
      this.enqueue({ kind: 'finish-deletion', ref }, `finish:${refKey(ref)}`);
    }
    if (this.tasks.size > 0 || this.scheduling) this.wake();
  }

  /**
   * Whether a workload's own change can alter what its controller does: not when only metadata changed (labels,
   * managed fields — a spec change bumps the generation) nor when the change is the status that controller just wrote.
   * Most server-side applies of an unchanged workload and every status write then cost no reconcile.
   */
  private concernsOwnController({ type, object, previous }: StoreChange): boolean {
    if (type !== 'MODIFIED' || !previous) return true;
    if (object.metadata.generation !== previous.metadata.generation || object.metadata.deletionTimestamp !== previous.metadata.deletionTimestamp) return true;
    return object['status'] !== previous['status'] && !this.ctx.isOwnStatusWrite(object);
  }

  private refFromKey(key: string): ObjectRef {
    const [group = '', resource = '', namespace = '', ...rest] = key.split('/');
    return { group, resource, namespace, name: rest.join('/') };
  }

  /** A dependent went away: an owner waiting in foreground deletion may be able to finish. */
  private enqueueDeletingOwner(uid: string): void {
    const ref = this.state.byUid.get(uid);
    if (ref && this.ctx.peekRef(ref)?.metadata.deletionTimestamp) this.enqueue({ kind: 'finish-deletion', ref }, `finish:${refKey(ref)}`);
  }

  private enqueueOwner(object: KubeObject): void {
    for (const owner of object.metadata.ownerReferences ?? []) {
      const kind = ownerKinds[owner.kind];
      if (kind && owner.controller === true) this.enqueue({ kind, namespace: object.metadata.namespace ?? '', name: owner.name });
    }
  }

  private enqueue(task: Task, key?: string): void {
    const id = key ?? ('namespace' in task && 'name' in task ? `${task.kind}:${task.namespace}/${task.name}` : task.kind === 'namespace-deleted' ? `ns:${task.namespace}` : task.kind);
    this.tasks.set(id, task);
  }

  private wake(): void {
    if (this.draining || this.stopped) return;
    this.draining = true;
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    try {
      for (let rounds = 0; !this.stopped && (this.tasks.size > 0 || this.scheduling); rounds++) {
        const batch = [...this.tasks.values()];
        this.tasks.clear();
        for (const task of batch) {
          try {
            await this.run(task);
          } catch (error) {
            console.error(`member-sim ${this.options.cluster}: ${task.kind} failed:`, error);
          }
        }
        if (this.scheduling) {
          this.scheduling = false;
          await schedulePendingPods(this.ctx);
        }
      }
    } finally {
      this.draining = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private async run(task: Task): Promise<void> {
    switch (task.kind) {
      case 'deployment':
        return reconcileDeployment(this.ctx, task.namespace, task.name);
      case 'replicaset':
        return reconcileReplicaSet(this.ctx, task.namespace, task.name);
      case 'statefulset':
        return reconcileStatefulSet(this.ctx, task.namespace, task.name);
      case 'daemonset':
        return reconcileDaemonSet(this.ctx, task.namespace, task.name);
      case 'job':
        return reconcileJob(this.ctx, task.namespace, task.name);
      case 'all-daemonsets':
        for (const ds of this.ctx.list(resources.daemonsets)) await reconcileDaemonSet(this.ctx, ds.metadata.namespace ?? '', ds.metadata.name ?? '');
        return;
      case 'collect':
        return collectDependents(this.ctx, task.owner, task.dependents);
      case 'finish-deletion':
        return finishDeletion(this.ctx, task.ref);
      case 'node-deleted':
        for (const ref of task.pods) await this.ctx.delete(ref, ref.namespace, ref.name);
        return;
      case 'namespace-deleted':
        return this.deleteNamespaceContents(task.namespace);
      default:
        return assertNever(task);
    }
  }

  private async deleteNamespaceContents(namespace: string): Promise<void> {
    const seen = new Set<string>();
    for (const def of this.options.service.registry.all()) {
      const key = `${def.storage.group}/${def.storage.resource}`;
      if (!def.namespaced || seen.has(key)) continue;
      seen.add(key);
      for (const object of this.options.store.snapshot(def.storage, namespace)) await this.ctx.delete(def.storage, namespace, object.metadata.name ?? '');
    }
  }
}
