import { contentDigest } from '@karmada-ts/contracts';
import type { AnyResourceBinding, KubeObject, SealedValuesRef } from '@karmada-ts/domain';

/**
 * Bumped whenever rendering makes something else of the same inputs (renderWork, overrides, pruning): Works rendered
 * by an older binding-svc then no longer match and are rendered again.
 */
export const renderVersion = 1;

/** What one binding's Works are rendered from, the shared parts already digested. */
export interface RenderInputs {
  readonly template: KubeObject;
  readonly templateSealedData: SealedValuesRef | undefined;
  /** The binding with its placement (scheduledBinding). */
  readonly binding: AnyResourceBinding;
  /** Digest of every Cluster and ClusterOverridePolicy (see DigestMemo). */
  readonly sharedDigest: string;
  /** Digest of the OverridePolicies of the binding's namespace. */
  readonly namespacePoliciesDigest: string;
}

/**
 * The digest a binding's Works carry as `renderedFrom`: equal digests mean equal inputs, so rendering again would give
 * the same Works. It covers more than rendering reads (every Cluster, the whole binding), so a change elsewhere only
 * costs a render that appends nothing. Digesting a binding's inputs costs far less than rendering its Works: about
 * 4 KB of JSON against a deep copy, overrides and pruning per target cluster.
 */
export function renderInputsDigest(inputs: RenderInputs): string {
  return contentDigest([renderVersion, inputs.template, inputs.templateSealedData ?? null, inputs.binding, inputs.sharedDigest, inputs.namespacePoliciesDigest]);
}

/**
 * Digests of values that are read again unchanged (the read model hands out the same array of Clusters until one of
 * them changes): each value is digested once while it lives.
 */
export class DigestMemo {
  private readonly digests = new WeakMap<object, string>();

  of(value: object): string {
    let digest = this.digests.get(value);
    if (digest === undefined) {
      digest = contentDigest(value);
      this.digests.set(value, digest);
    }
    return digest;
  }
}
