import type { KubeObject } from '../api/object.js';
import type { ListTypeResolver } from '../patch/list-types.js';
import type { NameRule } from '../validation/names.js';

export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

export const allVerbs: readonly Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/**
 * When metadata.generation increases on an update: Deployment-like (`spec` or annotations), most workloads (`spec`),
 * custom resources (anything outside metadata and status), or never (ConfigMap, Secret, Namespace, …).
 */
export type GenerationPolicy = 'spec' | 'spec-and-annotations' | 'non-metadata' | 'none';

/** The scale subresource: where replicas live (dotted paths such as `.spec.replicas`). */
export interface ScaleSubresource {
  specReplicasPath: string;
  statusReplicasPath: string;
  /** Where the selector string lives, or how to compute it from the object. */
  labelSelectorPath?: string;
  selectorOf?: (object: KubeObject) => string;
}

export interface ColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string;
  description: string;
  priority: number;
}

/** The columns of `kubectl get` for a resource and how to fill them from an object. */
export interface TablePrinter {
  columns: readonly ColumnDefinition[];
  cells(object: KubeObject, now: Date): unknown[];
}

/** Everything the API layer needs to know about one served resource version. */
export interface ResourceDefinition {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  verbs: readonly Verb[];
  shortNames: readonly string[];
  categories: readonly string[];
  subresources: { status: boolean; scale?: ScaleSubresource };
  generation: GenerationPolicy;
  nameRule: NameRule;
  /** Merge keys for strategic merge patch; absent for custom kinds, which answer SMP with 415. */
  strategicMerge?: ListTypeResolver;
  /** List types for server-side apply. */
  listTypes: ListTypeResolver;
  /** Fields usable in field selectors besides metadata.name and metadata.namespace. */
  selectableFields: readonly string[];
  table: TablePrinter;
  /** A structural OpenAPI v3 schema (CRDs): unknown fields are pruned, or rejected under fieldValidation=Strict. */
  schema?: unknown;
  /** Whether PUT on a missing object creates it (leases, events). */
  allowCreateOnUpdate: boolean;
  /** Where objects live: every version of a resource shares one storage resource. */
  storage: { group: string; resource: string };
  source: 'builtin' | 'crd';
}

export function apiVersionOf(def: Pick<ResourceDefinition, 'group' | 'version'>): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

export function groupResourceOf(def: Pick<ResourceDefinition, 'group' | 'plural'>): { group: string; resource: string } {
  return { group: def.group, resource: def.plural };
}
