/**
 * Generic resource template events, written by the api-gateway when a user creates, updates or deletes any
 * Kubernetes object. They are fat: they carry the full object, so a consumer never needs the previous event.
 */
import { defineEventType, type EnvelopeOf } from '../event-type.js';
import type { SealedSecretData } from './template-events.js';

/**
 * Kubernetes object metadata as JSON: the standard fields, loosely typed where events do not look inside. Structural,
 * so @karmada-ts/domain's richer ObjectMeta fits.
 */
export interface ObjectMetaJson {
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
  ownerReferences?: unknown[];
  managedFields?: unknown[];
}

/** Any Kubernetes object as JSON. */
export interface KubeObjectJson {
  apiVersion: string;
  kind: string;
  metadata: ObjectMetaJson;
  [field: string]: unknown;
}

/** Group, version and plural resource name of an object: what its REST path and its subject are built from. */
export interface GroupVersionResource {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
}

/** ResourceUpserted, schema version 2 (current): the object after a create or update. */
export interface ResourceUpsertedData {
  readonly resource: GroupVersionResource;
  readonly object: KubeObjectJson;
}

/** ResourceUpserted, schema version 1: the group and version were kept together as `apiVersion`. */
export interface ResourceUpsertedDataV1 {
  readonly apiVersion: string;
  readonly plural: string;
  readonly object: KubeObjectJson;
}

/** Splits `apps/v1` into group `apps` and version `v1`; `v1` is the core group `''`. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function upcastResourceUpsertedV1(v1: ResourceUpsertedDataV1): ResourceUpsertedData {
  return { resource: { ...splitApiVersion(v1.apiVersion), resource: v1.plural }, object: v1.object };
}

export const ResourceUpserted = defineEventType<'ResourceUpserted', ResourceUpsertedData>('ResourceUpserted', {
  version: 2,
  upcasters: { 1: upcastResourceUpsertedV1 },
});
export type ResourceUpserted = EnvelopeOf<typeof ResourceUpserted>;

/** ResourceDeleted: the object as it was when it was deleted. */
export interface ResourceDeletedData {
  readonly resource: GroupVersionResource;
  readonly object: KubeObjectJson;
  /** Secrets only: where the values of the deleted Secret were (see template-events.ts). */
  readonly sealedData?: SealedSecretData;
}

export const ResourceDeleted = defineEventType<'ResourceDeleted', ResourceDeletedData>('ResourceDeleted', {
  version: 1,
});
export type ResourceDeleted = EnvelopeOf<typeof ResourceDeleted>;
