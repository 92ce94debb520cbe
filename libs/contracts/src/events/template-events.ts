/**
 * The api-gateway's events on the `template` aggregate: every object a user creates, changes or deletes through the
 * Kubernetes API (resource templates, namespaces, CRDs, policies, Cluster specs, Secrets). They are fat: the object
 * is the whole new state, so a consumer never needs an earlier event. ResourceDeleted (resource-events.ts) closes
 * the sequence.
 */
import { defineEventType, type EnvelopeOf } from '../event-type.js';
import type { GroupVersionResource, KubeObjectJson } from './resource-events.js';

/**
 * Where the values of a Secret are: never in an event, but encrypted in the gateway's `<instance>_secrets` schema
 * (libs/secrets SecretValueReader reads them with the Secret's namespace, name and this ref).
 */
export interface SealedSecretData {
  /** The reference of the encrypted values (the id of the event that wrote them). */
  readonly ref: string;
  /** Keyed digest of the data (HMAC-SHA256 under the secret key): equal data, equal digest. */
  readonly digest: string;
  /** The names of the data entries (not secret: `kubectl describe secret` shows them). */
  readonly keys: readonly string[];
  /** Annotations sealed with the values because they repeat them (kubectl's last-applied-configuration). */
  readonly annotations?: readonly string[];
}

/** The object after a create or an update. */
export interface ResourceWrittenData {
  readonly resource: GroupVersionResource;
  /**
   * The object as the API stored it, without what other aggregates own (a template's status comes from
   * `templatestatus`, a Cluster's from `clusterstatus`) and, for Secrets, without `data` (see `sealedData`).
   */
  readonly object: KubeObjectJson;
  /** Secrets only: where the values are. */
  readonly sealedData?: SealedSecretData;
  /** Set when the write came through the status or scale subresource. */
  readonly subresource?: 'status' | 'scale';
}

export const ResourceCreated = defineEventType<'ResourceCreated', ResourceWrittenData>('ResourceCreated', { version: 1 });
export type ResourceCreated = EnvelopeOf<typeof ResourceCreated>;

export const ResourceUpdated = defineEventType<'ResourceUpdated', ResourceWrittenData>('ResourceUpdated', { version: 1 });
export type ResourceUpdated = EnvelopeOf<typeof ResourceUpdated>;
