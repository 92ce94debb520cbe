import { addResources, subtractResources, type KubeObject, type ResourceAmounts, type StoreChange } from '@karmada-ts/kube';
import { isPodTerminal, nodeNameOf } from './pod-status.js';
import { placementRequests } from './scheduling.js';

/** A reference to a stored object. */
export interface ObjectRef {
  group: string;
  resource: string;
  namespace: string;
  name: string;
}

export function refKey(ref: ObjectRef): string {
  return `${ref.group}/${ref.resource}/${ref.namespace}/${ref.name}`;
}

/** Whether a pod changed in what the indexes hold of it: its node and requests (spec), whether it counts, deletion. */
function podIndexChanged(previous: KubeObject, pod: KubeObject): boolean {
  return previous['spec'] !== pod['spec'] || previous.metadata.deletionTimestamp !== pod.metadata.deletionTimestamp || isPodTerminal(previous) !== isPodTerminal(pod);
}

/**
 * Indexes one simulated cluster keeps from its store's change stream, so that controllers never scan:
 * dependents by owner uid, live uids, pods by node, node allocations (exact milli-unit sums), unscheduled pods.
 */
export class ClusterState {
  readonly dependents = new Map<string, Map<string, ObjectRef>>();
  /** Live objects by uid. */
  readonly byUid = new Map<string, ObjectRef>();
  readonly podsByNode = new Map<string, Set<string>>();
  readonly allocated = new Map<string, ResourceAmounts>();
  /** Unscheduled, unfinished, not deleting pods by key (insertion order = creation order). */
  readonly pending = new Map<string, ObjectRef>();
  private readonly contribution = new Map<string, { node: string; amounts: ResourceAmounts }>();
  private readonly podNode = new Map<string, string>();

  apply(change: StoreChange): void {
    const { object, previous, type } = change;
    const isPod = change.resource.group === '' && change.resource.resource === 'pods';
    // Most changes (status writes, applies of metadata) keep the owners and whatever a pod counts for: nothing to re-index.
    if (type === 'MODIFIED' && previous && previous.metadata.ownerReferences === object.metadata.ownerReferences && !(isPod && podIndexChanged(previous, object))) return;
    const ref: ObjectRef = { group: change.resource.group, resource: change.resource.resource, namespace: object.metadata.namespace ?? '', name: object.metadata.name ?? '' };
    const key = refKey(ref);
    const uid = object.metadata.uid;
    if (previous) this.unindexOwners(previous, key);
    if (type === 'DELETED') {
      if (uid) this.byUid.delete(uid);
    } else {
      if (uid) this.byUid.set(uid, ref);
      this.indexOwners(object, key, ref);
    }
    if (isPod) this.applyPod(key, ref, type === 'DELETED' ? undefined : object);
  }

  ownedBy(uid: string | undefined, resource?: { group: string; resource: string }): ObjectRef[] {
    if (!uid) return [];
    const refs = [...(this.dependents.get(uid)?.values() ?? [])];
    return resource ? refs.filter((r) => r.group === resource.group && r.resource === resource.resource) : refs;
  }

  allocatedOn(node: string): ResourceAmounts {
    return this.allocated.get(node) ?? {};
  }

  private indexOwners(object: KubeObject, key: string, ref: ObjectRef): void {
    for (const owner of object.metadata.ownerReferences ?? []) {
      let refs = this.dependents.get(owner.uid);
      if (!refs) this.dependents.set(owner.uid, (refs = new Map()));
      refs.set(key, ref);
    }
  }

  private unindexOwners(object: KubeObject, key: string): void {
    for (const owner of object.metadata.ownerReferences ?? []) {
      const refs = this.dependents.get(owner.uid);
      if (!refs) continue;
      refs.delete(key);
      if (refs.size === 0) this.dependents.delete(owner.uid);
    }
  }

  private applyPod(key: string, ref: ObjectRef, pod: KubeObject | undefined): void {
    const before = this.contribution.get(key);
    if (before) {
      this.allocated.set(before.node, subtractResources(this.allocatedOn(before.node), before.amounts));
      this.contribution.delete(key);
    }
    const previousNode = this.podNode.get(key);
    if (previousNode) {
      this.podsByNode.get(previousNode)?.delete(key);
      this.podNode.delete(key);
    }
    this.pending.delete(key);
    if (!pod) return;
    const node = nodeNameOf(pod);
    if (node) {
      this.podNode.set(key, node);
      let pods = this.podsByNode.get(node);
      if (!pods) this.podsByNode.set(node, (pods = new Set()));
      pods.add(key);
      if (!isPodTerminal(pod)) {
        const amounts = placementRequests(pod);
        this.contribution.set(key, { node, amounts });
        this.allocated.set(node, addResources(this.allocatedOn(node), amounts));
      }
    } else if (!isPodTerminal(pod) && !pod.metadata.deletionTimestamp) {
      this.pending.set(key, ref);
    }
  }
}
