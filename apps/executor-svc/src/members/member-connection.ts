import {
  applyConflict,
  isManagedByKarmada,
  KarmadaLabel,
  KarmadaLabelValue,
  releasedWorkload,
  retainMemberFields,
  withMemberSecretData,
  type KubeObject,
  type Work,
} from '@karmada-ts/domain';
import {
  isRetryable,
  MemberError,
  type ManagedObjectInformers,
  type MemberClient,
  type MemberObjects,
  type ObjectReference,
  type WatchedKind,
} from '@karmada-ts/member-access';
import { BoundedMap } from '@karmada-ts/service-runtime';

/** What applying one manifest came to: the member object as the apply left it, or why not. */
export type ApplyResult =
  | { readonly ok: true; readonly object: KubeObject }
  | { readonly ok: false; readonly error: string; readonly retryable: boolean };

/** The member object a manifest stands for. */
export function objectRef(manifest: KubeObject): ObjectReference {
  const { namespace, name = '' } = manifest.metadata;
  return { apiVersion: manifest.apiVersion, kind: manifest.kind, name, ...(namespace ? { namespace } : {}) };
}

function refId(ref: ObjectReference): string {
  return `${ref.apiVersion}/${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

/**
 * Own writes remembered per member, the most recent ones. A record spares a look at the informer event of that write
 * (which comes within moments) and a drift check of an object that still holds it; a forgotten one costs that check
 * (detectDrift finds nothing), never a wrong answer. Kept for every object, at about 100 bytes each, they took 10 MiB
 * at 100,000 objects, most of them replaced long before by their controllers' status writes.
 */
const rememberedWrites = 1_000;

/** Every namespaced manifest has its namespace ensured first. */
const namespaceKind: WatchedKind = { apiVersion: 'v1', kind: 'Namespace' };

/**
 * One member cluster as the executor uses it: server-side apply under the conflict rule, removal, and the informers
 * on what it applied. It remembers the resourceVersion of its recent own writes (Karmada's version record), so that
 * the informer event of such a write is not mistaken for a change made out of band.
 */
export class MemberConnection {
  private readonly ownWrites = new BoundedMap<string>(rememberedWrites);
  private readonly ensuredNamespaces = new Set<string>();

  constructor(
    readonly cluster: string,
    private readonly client: MemberClient,
    private readonly objects: MemberObjects,
    readonly informers: ManagedObjectInformers,
  ) {}

  /**
   * Readies the connection for the member's first Works: discovers these kinds and namespaces, which opens a
   * kept-alive connection to the member on the way. A first apply would otherwise wait for the TLS handshake and the
   * discovery itself, at the moment a new member gets its first Works all at once.
   */
  prepare(kinds: readonly WatchedKind[]): Promise<void> {
    return this.objects.discover([namespaceKind, ...kinds]);
  }

  /** The informer's copy of a managed object (undefined when absent, unmanaged, or its kind is not synced yet). */
  cached(ref: ObjectReference): KubeObject | undefined {
    return this.informers.get(ref);
  }

  /** The object as the member holds it now. */
  read(ref: ObjectReference): Promise<KubeObject | undefined> {
    return this.objects.get(ref);
  }

  /** Whether this object version is the one our last write produced. */
  isOwnWrite(object: KubeObject): boolean {
    return object.metadata.resourceVersion !== undefined && this.ownWrites.get(refId(objectRef(object))) === object.metadata.resourceVersion;
  }

  /**
   * Applies a manifest of the Work: an object that exists unmanaged is left alone unless the conflict resolution
   * says overwrite (applyConflict); the member's own fields are kept (retainMemberFields) while the metadata is the
   * manifest's, so server-side apply prunes the labels and annotations Karmada no longer sets.
   */
  async apply(work: Work, manifest: KubeObject): Promise<ApplyResult> {
    const ref = objectRef(manifest);
    this.informers.watch({ apiVersion: manifest.apiVersion, kind: manifest.kind });
    try {
      const existing = this.cached(ref) ?? (await this.read(ref));
      const conflict = applyConflict(work, manifest, existing, this.cluster);
      if (conflict) return { ok: false, error: conflict, retryable: false };
      if (ref.namespace) await this.ensureNamespace(ref.namespace);
      return { ok: true, object: await this.write(existing ? { ...retainMemberFields(manifest, existing), metadata: manifest.metadata } : manifest) };
    } catch (error) {
      // The namespace was deleted since it was ensured: the retry creates it again.
      if (ref.namespace && isNamespaceMissing(error)) this.ensuredNamespaces.delete(ref.namespace);
      return { ok: false, error: (error as Error).message, retryable: retryable(error) };
    }
  }

  /**
   * Removes what a manifest put in the member: deletes the object, or with `preserve` releases it (the manifest
   * without Karmada's labels and annotations). An object Karmada does not manage is never touched.
   * @throws MemberError
   */
  async remove(manifest: KubeObject, preserve: boolean): Promise<void> {
    const ref = objectRef(manifest);
    const existing = await this.read(ref);
    if (existing && isManagedByKarmada(existing)) {
      if (preserve) {
        // A Secret's manifest has no values (they are sealed): the released object keeps the member copy's.
        const released = withMemberSecretData(releasedWorkload(manifest), existing);
        await this.objects.apply({ ...retainMemberFields(released, existing), metadata: released.metadata });
      } else {
        await this.objects.delete(ref);
      }
    }
    this.ownWrites.delete(refId(ref));
  }

  async stop(): Promise<void> {
    await this.informers.stop();
    this.client.close();
  }

  private async write(object: KubeObject): Promise<KubeObject> {
    const written = await this.objects.apply(object);
    if (written.metadata.resourceVersion) this.ownWrites.set(refId(objectRef(written)), written.metadata.resourceVersion);
    return written;
  }

  /**
   * Once per namespace while it keeps existing. A namespace made here is marked as Karmada's, so the namespace's own
   * Work (namespace auto-propagation), which may come after the workloads in it, can take it over.
   */
  private async ensureNamespace(namespace: string): Promise<void> {
    if (this.ensuredNamespaces.has(namespace)) return;
    await this.objects.ensureNamespace(namespace, { [KarmadaLabel.Managed]: KarmadaLabelValue.Managed });
    this.ensuredNamespaces.add(namespace);
  }
}

function isNamespaceMissing(error: unknown): boolean {
  return error instanceof MemberError && error.code === 404 && error.status?.details?.kind === 'namespaces';
}

/**
 * Whether a failed member call may succeed later as it is. A call we cancelled ourselves (a connection replaced while
 * the call was in flight) is worth repeating, unlike a cancellation the member caused.
 */
function retryable(error: unknown): boolean {
  return (error instanceof MemberError && error.kind === 'aborted') || isRetryable(error);
}
