import type { ResourceDefinition } from './resource-definition.js';
import { compareVersionPriority } from './version-priority.js';

export interface GroupVersions {
  group: string;
  /** Served versions, preferred first. */
  versions: string[];
}

/**
 * The served resources. A registry may layer on a parent (one shared registry of built-ins, a small child per
 * simulated cluster for its CRDs): lookups fall back to the parent and its entries are listed first.
 * `revision` changes whenever this registry or its parent changes, for caches of derived documents.
 */
export class ResourceRegistry {
  private readonly byPath = new Map<string, ResourceDefinition>();
  private readonly byKind = new Map<string, ResourceDefinition>();
  private ownRevision = 0;
  private readonly caches = new Map<string, { revision: number; value: unknown }>();

  constructor(private readonly parent?: ResourceRegistry) {}

  get revision(): number {
    return this.ownRevision + (this.parent?.revision ?? 0) * 1_000_000;
  }

  /** Whether this layer adds nothing to its parent (derived documents can then be the parent's). */
  get isEmptyLayer(): boolean {
    return this.parent !== undefined && this.byPath.size === 0;
  }

  register(definitions: readonly ResourceDefinition[]): void {
    for (const def of definitions) {
      this.byPath.set(pathKey(def.group, def.version, def.plural), def);
      this.byKind.set(pathKey(def.group, def.version, def.kind), def);
    }
    this.ownRevision++;
  }

  /** Removes every version of a resource from this layer. */
  unregister(group: string, plural: string): void {
    for (const [key, def] of [...this.byPath]) {
      if (def.group === group && def.plural === plural) {
        this.byPath.delete(key);
        this.byKind.delete(pathKey(def.group, def.version, def.kind));
      }
    }
    this.ownRevision++;
  }

  get(group: string, version: string, plural: string): ResourceDefinition | undefined {
    return this.byPath.get(pathKey(group, version, plural)) ?? this.parent?.get(group, version, plural);
  }

  getByKind(group: string, version: string, kind: string): ResourceDefinition | undefined {
    return this.byKind.get(pathKey(group, version, kind)) ?? this.parent?.getByKind(group, version, kind);
  }

  /** Any served version of the resource (the preferred one first). */
  versionsOf(group: string, plural: string): ResourceDefinition[] {
    return this.all()
      .filter((d) => d.group === group && d.plural === plural)
      .sort((a, b) => compareVersionPriority(a.version, b.version));
  }

  all(): ResourceDefinition[] {
    const own = [...this.byPath.values()];
    if (!this.parent) return own;
    const shadowed = new Set(this.byPath.keys());
    return [...this.parent.all().filter((d) => !shadowed.has(pathKey(d.group, d.version, d.plural))), ...own];
  }

  /** Served resources of one group version, in registration order. */
  resources(group: string, version: string): ResourceDefinition[] {
    return this.all().filter((d) => d.group === group && d.version === version);
  }

  /** Groups in registration order (the core group '' included), versions by priority. */
  groups(): GroupVersions[] {
    const groups = new Map<string, Set<string>>();
    for (const def of this.all()) {
      let versions = groups.get(def.group);
      if (!versions) groups.set(def.group, (versions = new Set()));
      versions.add(def.version);
    }
    return [...groups].map(([group, versions]) => ({ group, versions: [...versions].sort(compareVersionPriority) }));
  }

  /**
   * A value derived from the registry, recomputed only after a change. An empty layer answers from its parent's
   * cache, so a thousand clusters without CRDs share one copy of each discovery document.
   */
  cached<T>(key: string, compute: () => T): T {
    if (this.isEmptyLayer) return this.parent!.cached(key, compute);
    const revision = this.revision;
    const hit = this.caches.get(key);
    if (hit && hit.revision === revision) return hit.value as T;
    const value = compute();
    this.caches.set(key, { revision, value });
    return value;
  }
}

function pathKey(group: string, version: string, name: string): string {
  return `${group}/${version}/${name}`;
}
