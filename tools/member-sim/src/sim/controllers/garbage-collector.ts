import type { KubeObject } from '@karmada-ts/kube';
import type { ObjectRef } from '../cluster-state.js';
import type { SimContext } from '../sim-context.js';

/**
 * Garbage collection by ownerReferences: dependents whose owners are all gone are deleted (background);
 * an owner deleting with `foregroundDeletion` waits for its dependents, one with `orphan` releases them.
 */
export async function collectDependents(ctx: SimContext, owner: KubeObject, dependents: readonly ObjectRef[]): Promise<void> {
  const uid = owner.metadata.uid;
  for (const ref of dependents) {
    const dependent = ctx.peekRef(ref);
    if (!dependent) continue;
    const others = (dependent.metadata.ownerReferences ?? []).filter((o) => o.uid !== uid && ctx.state.byUid.has(o.uid));
    if (others.length === 0) await ctx.delete(ref, ref.namespace, ref.name);
  }
}

export async function finishDeletion(ctx: SimContext, ownerRef: ObjectRef): Promise<void> {
  const owner = ctx.peekRef(ownerRef);
  if (!owner?.metadata.deletionTimestamp) return;
  const finalizers = owner.metadata.finalizers ?? [];
  const uid = owner.metadata.uid;
  const dependents = ctx.state.ownedBy(uid);
  if (finalizers.includes('orphan')) {
    for (const ref of dependents) {
      const dependent = ctx.peekRef(ref);
      if (!dependent) continue;
      const ownerReferences = (dependent.metadata.ownerReferences ?? []).filter((o) => o.uid !== uid);
      await ctx.update(ref, { ...dependent, metadata: { ...dependent.metadata, ownerReferences } }, { preserveStatus: true });
    }
    await removeFinalizer(ctx, ownerRef, 'orphan');
    return;
  }
  if (finalizers.includes('foregroundDeletion')) {
    if (dependents.length > 0) {
      for (const ref of dependents) await ctx.delete(ref, ref.namespace, ref.name, 'Foreground');
      return;
    }
    await removeFinalizer(ctx, ownerRef, 'foregroundDeletion');
  }
}

async function removeFinalizer(ctx: SimContext, ref: ObjectRef, finalizer: string): Promise<void> {
  const current = ctx.peekRef(ref);
  if (!current) return;
  const finalizers = (current.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  await ctx.update(ref, { ...current, metadata: { ...current.metadata, finalizers } }, { preserveStatus: true });
}
