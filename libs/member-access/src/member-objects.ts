import type { KubeObject } from '@karmada-ts/domain';
import type { ClusterLimiter } from './limiter.js';
import type { MemberClient } from './member-client.js';
import { apiError, MemberError } from './member-error.js';
import { resourcePath, ResourceResolver, type ServedResource } from './resource-resolver.js';

/** An object in a member cluster; a namespace given for a cluster-scoped kind is ignored. */
export interface ObjectReference {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export interface ApplyOptions {
  /** Default `karmada-ts`. */
  fieldManager?: string;
  /** Take over fields another manager owns instead of failing with 409 Conflict (default true). */
  force?: boolean;
}

export const defaultFieldManager = 'karmada-ts';

export interface MemberObjectsOptions {
  /** Shared by every member's MemberObjects: bounds calls per member and overall. */
  limiter: ClusterLimiter;
  /** Deadline of each call (default 30 s). */
  timeoutMs?: number;
  resolver?: ResourceResolver;
}

/** Metadata the server owns; sending it in an apply body is an error or a precondition nobody meant. */
const serverSetMetadata = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink'] as const;

const applyPatchContentType = 'application/apply-patch+yaml';
const backgroundDeletion = JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' });

/**
 * Reading and writing objects in one member cluster: server-side apply, get, delete and namespaces. Every call goes
 * through the shared ClusterLimiter and has a deadline; failures are MemberErrors telling retryable from permanent,
 * with the member's Status message kept.
 */
export class MemberObjects {
  private readonly resolver: ResourceResolver;
  private readonly timeoutMs: number;

  constructor(
    readonly cluster: string,
    private readonly client: MemberClient,
    private readonly options: MemberObjectsOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.resolver = options.resolver ?? new ResourceResolver(client, { timeoutMs: this.timeoutMs });
  }

  /** Server-side apply (create or update) of a manifest; namespaced kinds without a namespace go to `default`. */
  apply(manifest: KubeObject, options: ApplyOptions = {}): Promise<KubeObject> {
    return this.limited(async () => {
      const name = manifest.metadata.name;
      if (!name) throw new MemberError('api', `${manifest.kind} has no metadata.name`, { retryable: false, reason: 'Invalid' });
      const served = await this.resolver.resolve(manifest.apiVersion, manifest.kind);
      const namespace = served.namespaced ? manifest.metadata.namespace || 'default' : undefined;
      return this.client.json<KubeObject>({
        method: 'PATCH',
        path: resourcePath(served, { namespace, name }),
        query: { fieldManager: options.fieldManager ?? defaultFieldManager, force: String(options.force ?? true) },
        body: JSON.stringify(applyBody(manifest, namespace)),
        contentType: applyPatchContentType,
        timeoutMs: this.timeoutMs,
      });
    });
  }

  /** The object, or undefined when it does not exist. A kind the member does not serve is a NoKindMatch error. */
  get(ref: ObjectReference): Promise<KubeObject | undefined> {
    return this.limited(async () => {
      const served = await this.resolver.resolve(ref.apiVersion, ref.kind);
      const response = await this.client.send({ path: objectPath(served, ref), timeoutMs: this.timeoutMs });
      if (response.status === 404) return undefined;
      if (response.status !== 200) throw apiError(response.status, response.body, `get ${ref.kind} ${ref.name}`);
      return JSON.parse(response.body) as KubeObject;
    });
  }

  /**
   * Deletes with background propagation (dependents are collected by the member's garbage collector). `absent` when
   * there was nothing to delete, including when the member no longer serves the kind.
   */
  delete(ref: ObjectReference): Promise<'deleted' | 'absent'> {
    return this.limited(async () => {
      let served: ServedResource;
      try {
        served = await this.resolver.resolve(ref.apiVersion, ref.kind);
      } catch (error) {
        if (error instanceof MemberError && error.reason === 'NoKindMatch') return 'absent';
        throw error;
      }
      const response = await this.client.send({ method: 'DELETE', path: objectPath(served, ref), body: backgroundDeletion, timeoutMs: this.timeoutMs });
      if (response.status === 404) return 'absent';
      if (response.status < 200 || response.status > 299) throw apiError(response.status, response.body, `delete ${ref.kind} ${ref.name}`);
      return 'deleted';
    });
  }

  /**
   * Looks up where the member serves these kinds (discovery, one request per group version not cached yet). A kind
   * it does not serve is left out; any other failure is thrown.
   */
  async discover(kinds: readonly Pick<ObjectReference, 'apiVersion' | 'kind'>[]): Promise<void> {
    await Promise.all(
      kinds.map((kind) =>
        this.limited(() => this.resolver.resolve(kind.apiVersion, kind.kind)).catch((error: unknown) => {
          if (!(error instanceof MemberError && error.reason === 'NoKindMatch')) throw error;
        }),
      ),
    );
  }

  /**
   * Creates the namespace, with these labels, unless it exists. An existing namespace is left as it is: an apply of
   * just its name by the field manager that applied the namespace's own manifest would remove that manifest's labels
   * and annotations.
   */
  async ensureNamespace(name: string, labels: Readonly<Record<string, string>> = {}, options: Pick<ApplyOptions, 'fieldManager'> = {}): Promise<void> {
    if (await this.get({ apiVersion: 'v1', kind: 'Namespace', name })) return;
    await this.limited(async () => {
      const served = await this.resolver.resolve('v1', 'Namespace');
      const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(Object.keys(labels).length > 0 ? { labels } : {}) } };
      const response = await this.client.send({
        method: 'POST',
        path: resourcePath(served),
        query: { fieldManager: options.fieldManager ?? defaultFieldManager },
        body: JSON.stringify(namespace),
        contentType: 'application/json',
        timeoutMs: this.timeoutMs,
      });
      // 409: created in the meantime, which is all this asks for.
      if (response.status !== 409 && (response.status < 200 || response.status > 299)) throw apiError(response.status, response.body, `create Namespace ${name}`);
    });
  }

  private limited<T>(call: () => Promise<T>): Promise<T> {
    return this.options.limiter.run(this.cluster, call);
  }
}

function objectPath(served: ServedResource, ref: ObjectReference): string {
  return resourcePath(served, { namespace: served.namespaced ? ref.namespace || 'default' : undefined, name: ref.name });
}

/** The manifest without server-owned metadata, in the namespace it is applied to. */
function applyBody(manifest: KubeObject, namespace: string | undefined): KubeObject {
  const metadata: Record<string, unknown> = { ...manifest.metadata };
  for (const field of serverSetMetadata) delete metadata[field];
  if (namespace) metadata['namespace'] = namespace;
  else delete metadata['namespace'];
  return { ...manifest, metadata: metadata as KubeObject['metadata'] };
}
