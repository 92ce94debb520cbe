import type { FinalizerReleasedData } from '@karmada-ts/contracts';
import type { KubeObject } from '@karmada-ts/kube';

/**
 * The object without the released finalizer, or undefined when there is nothing to do: the finalizer is gone
 * already (a redelivered release), or the release is about an earlier object of the same name.
 */
export function withoutFinalizer(object: KubeObject, release: Pick<FinalizerReleasedData, 'finalizer' | 'uid'>): KubeObject | undefined {
  if (release.uid !== undefined && object.metadata.uid !== release.uid) return undefined;
  const finalizers = object.metadata.finalizers ?? [];
  if (!finalizers.includes(release.finalizer)) return undefined;
  return { ...object, metadata: { ...object.metadata, finalizers: finalizers.filter((f) => f !== release.finalizer) } };
}
