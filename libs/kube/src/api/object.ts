import type { JsonObject } from '../util/json.js';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: FieldsV1;
  subresource?: string;
}

/** managedFields' set of owned fields: `f:<field>`, `k:<key json>`, `v:<value json>`, `.` nodes, `{}` leaves. */
export interface FieldsV1 {
  [path: string]: FieldsV1;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: OwnerReference[];
  managedFields?: ManagedFieldsEntry[];
  [key: string]: unknown;
}

/** Any Kubernetes object as stored and served: plain JSON with apiVersion, kind and metadata. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [key: string]: unknown;
}

export function objectName(object: KubeObject): string {
  return object.metadata.name ?? '';
}

export function objectNamespace(object: KubeObject): string {
  return object.metadata.namespace ?? '';
}

/** `namespace/name`, or `name` for a cluster-scoped object. */
export function objectKey(object: KubeObject): string {
  const ns = object.metadata.namespace;
  return ns ? `${ns}/${object.metadata.name}` : (object.metadata.name ?? '');
}

/** The numeric resourceVersion of an object (0 when unset). */
export function resourceVersionOf(object: KubeObject): number {
  return Number(object.metadata.resourceVersion ?? 0) || 0;
}

/** Splits `apps/v1` into group and version (`v1` → core group ''). */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function formatApiVersion(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

export function isKubeObject(value: unknown): value is KubeObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as JsonObject;
  return typeof v['metadata'] === 'object' && v['metadata'] !== null && !Array.isArray(v['metadata']);
}

/** The controller owner reference, if any (at most one has controller: true). */
export function controllerOf(object: KubeObject): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((o) => o.controller === true);
}
