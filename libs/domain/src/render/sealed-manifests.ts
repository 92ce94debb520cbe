import type { KubeObject } from '../api/meta.js';
import type { Work } from '../api/work.js';
import { BuiltinKind, gvkKey } from '../interpret/kinds.js';

/**
 * Where a Secret's values are kept instead of in its events: the gateway's encrypted store, by the Secret's
 * namespace, name and `ref` (SealedSecretData in @karmada-ts/contracts).
 */
export interface SealedValuesRef {
  readonly ref: string;
  /** Keyed digest of the data: other values, other digest. */
  readonly digest: string;
  readonly keys: readonly string[];
  /** Annotations sealed with the values because they repeat them (kubectl's last-applied-configuration). */
  readonly annotations?: readonly string[];
}

/** A Work manifest that is a Secret whose values are in the store: the executor fills them in before it applies. */
export interface SealedManifest extends SealedValuesRef {
  /** Its position in the Work's spec.workload.manifests. */
  readonly manifestIndex: number;
  /** The Secret template's namespace and name: with `ref`, the key of the values in the store. */
  readonly namespace: string;
  readonly name: string;
}

export function isSecret(object: Pick<KubeObject, 'apiVersion' | 'kind'>): boolean {
  return gvkKey(object) === BuiltinKind.Secret;
}

/**
 * The manifests of a Work that carry a Secret template whose values are sealed (none for any other template): the
 * Work names the version of the values it stands for, so new values make a new Work and a new apply.
 */
export function sealedManifestsOf(work: Work, template: KubeObject, sealed: SealedValuesRef | undefined): SealedManifest[] {
  if (!sealed || !isSecret(template)) return [];
  const namespace = template.metadata.namespace ?? '';
  const name = template.metadata.name ?? '';
  return work.spec.workload.manifests.flatMap((manifest, manifestIndex) =>
    isSecret(manifest) && (manifest.metadata.namespace ?? '') === namespace && manifest.metadata.name === name
      ? [
          {
            manifestIndex,
            namespace,
            name,
            ref: sealed.ref,
            digest: sealed.digest,
            keys: [...sealed.keys],
            ...(sealed.annotations ? { annotations: [...sealed.annotations] } : {}),
          },
        ]
      : [],
  );
}
