import {
  deepEqual,
  isKubeStatusError,
  type KubeObject,
  type MemoryResourceStore,
  type OwnerReference,
  type PropagationPolicy,
  type ResourceDefinition,
  type ResourceService,
} from '@karmada-ts/kube';
import type { ClusterState, ObjectRef } from './cluster-state.js';
import { templateHash } from './template-hash.js';
import type { TimerQueue } from './timer-queue.js';

/** What the simulated controllers of one cluster share: reads from the store, writes through the API semantics. */
export const resources = {
  pods: { group: '', resource: 'pods' },
  nodes: { group: '', resource: 'nodes' },
  namespaces: { group: '', resource: 'namespaces' },
  deployments: { group: 'apps', resource: 'deployments' },
  replicasets: { group: 'apps', resource: 'replicasets' },
  statefulsets: { group: 'apps', resource: 'statefulsets' },
  daemonsets: { group: 'apps', resource: 'daemonsets' },
  jobs: { group: 'batch', resource: 'jobs' },
} as const;

export type ResourceId = { group: string; resource: string };

export class SimContext {
  /** Template hashes by owner uid: a template only changes with the owner's generation, so hash once per generation. */
  private readonly hashes = new Map<string, { generation: number | undefined; hash: string }>();
  /** Status documents being written through writeStatus, by object uid. */
  private readonly statusWrites = new Map<string, unknown>();

  constructor(
    readonly cluster: string,
    readonly service: ResourceService,
    readonly store: MemoryResourceStore,
    readonly state: ClusterState,
    readonly timers: TimerQueue,
    readonly podReadyMs: number,
    readonly kubernetesVersion: string,
  ) {}

  now(): string {
    return this.service.now().toISOString().slice(0, 19) + 'Z';
  }

  /** The preferred version of a resource, cached until the registry changes (a write per reconcile asks for it). */
  def(resource: ResourceId): ResourceDefinition {
    const registry = this.service.registry;
    const def = registry.cached(`member-sim:preferred:${resource.group}/${resource.resource}`, () => registry.versionsOf(resource.group, resource.resource)[0]);
    if (!def) throw new Error(`member-sim: ${resource.resource}.${resource.group} is not served`);
    return def;
  }

  /** The hash of a workload's pod template (cached per uid and generation). */
  templateHashOf(owner: KubeObject, template: unknown): string {
    const uid = owner.metadata.uid ?? '';
    const cached = this.hashes.get(uid);
    if (cached && cached.generation === owner.metadata.generation) return cached.hash;
    const hash = templateHash(template);
    this.hashes.set(uid, { generation: owner.metadata.generation, hash });
    return hash;
  }

  forget(uid: string | undefined): void {
    if (uid) this.hashes.delete(uid);
  }

  peek(resource: ResourceId, namespace: string, name: string): KubeObject | undefined {
    return this.store.peek({ ...resource, namespace, name });
  }

  peekRef(ref: ObjectRef): KubeObject | undefined {
    return this.store.peek(ref);
  }

  owned(owner: KubeObject, resource: ResourceId): KubeObject[] {
    return this.state
      .ownedBy(owner.metadata.uid, resource)
      .map((r) => this.store.peek(r))
      .filter((o): o is KubeObject => o !== undefined && o.metadata.ownerReferences?.some((ref) => ref.uid === owner.metadata.uid && ref.controller === true) === true);
  }

  list(resource: ResourceId, namespace?: string): KubeObject[] {
    return this.store.snapshot(resource, namespace);
  }

  async create(resource: ResourceId, object: KubeObject, options: { preserveStatus?: boolean } = {}): Promise<KubeObject | undefined> {
    return this.tolerate(() => this.service.create(this.def(resource), object.metadata.namespace ?? '', object, options));
  }

  /** An unconditional update of the main resource (status kept unless preserveStatus). */
  async update(resource: ResourceId, object: KubeObject, options: { preserveStatus?: boolean } = {}): Promise<KubeObject | undefined> {
    const body = { ...object, metadata: { ...object.metadata, resourceVersion: undefined } };
    return this.tolerate(() => this.service.update(this.def(resource), object.metadata.namespace ?? '', object.metadata.name ?? '', body, options));
  }

  /** Writes status through the status subresource, unless it already is exactly that (most reconciles). */
  async writeStatus(resource: ResourceId, object: KubeObject, status: unknown): Promise<KubeObject | undefined> {
    if (deepEqual(object['status'], status)) return object;
    const body = { ...object, metadata: { ...object.metadata, resourceVersion: undefined }, status };
    const uid = object.metadata.uid ?? '';
    this.statusWrites.set(uid, status);
    try {
      return await this.tolerate(() => this.service.update(this.def(resource), object.metadata.namespace ?? '', object.metadata.name ?? '', body, { subresource: 'status' }));
    } finally {
      this.statusWrites.delete(uid);
    }
  }

  /**
   * Whether a committed object carries exactly the status a controller of this simulation is writing for it: that
   * change tells its controller nothing new (it just computed that status from the current state).
   */
  isOwnStatusWrite(object: KubeObject): boolean {
    const written = this.statusWrites.get(object.metadata.uid ?? '');
    return written !== undefined && (written === object['status'] || deepEqual(written, object['status']));
  }

  async delete(resource: ResourceId, namespace: string, name: string, propagationPolicy: PropagationPolicy = 'Background'): Promise<void> {
    await this.tolerate(() => this.service.delete(this.def(resource), namespace, name, { propagationPolicy }));
  }

  /** Runs a write; NotFound/Conflict/AlreadyExists mean the world moved on, and the change that did it requeues the work. */
  private async tolerate<T>(write: () => Promise<T>): Promise<T | undefined> {
    try {
      return await write();
    } catch (error) {
      if (isKubeStatusError(error) && (error.code === 404 || error.code === 409)) return undefined;
      throw error;
    }
  }
}

export function controllerRef(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name ?? '', uid: owner.metadata.uid ?? '', controller: true, blockOwnerDeletion: true };
}
