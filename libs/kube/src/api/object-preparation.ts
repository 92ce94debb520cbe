import { apiVersionOf, type ResourceDefinition } from '../discovery/resource-definition.js';
import { isJsonObject } from '../util/json.js';
import { badRequest } from './status.js';
import type { KubeObject, ObjectMeta } from './object.js';

/** Pure steps that shape a request body into an object to store. */

/** Metadata members only the server sets. */
const serverOwnedMeta = ['uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation', 'selfLink'] as const;

/**
 * Checks a decoded body against the resource it was sent to and fills what the URL implies: apiVersion and kind
 * when absent, the namespace (400 when it contradicts the URL).
 */
export function decodeObject(def: ResourceDefinition, body: unknown, namespace: string, servedVersions: readonly string[]): KubeObject {
  if (!isJsonObject(body)) throw badRequest('the body of the request was not a JSON or YAML object');
  const expected = apiVersionOf(def);
  const apiVersion = body['apiVersion'] === undefined ? expected : body['apiVersion'];
  if (typeof apiVersion !== 'string' || (apiVersion !== expected && !servedVersions.map((v) => apiVersionOf({ group: def.group, version: v })).includes(apiVersion)))
    throw badRequest(`the API version in the data (${String(apiVersion)}) does not match the expected API version (${expected})`);
  const kind = body['kind'] === undefined ? def.kind : body['kind'];
  if (kind !== def.kind) throw badRequest(`the kind in the data (${String(kind)}) does not match the expected kind (${def.kind})`);
  const metadata: ObjectMeta = isJsonObject(body['metadata']) ? { ...(body['metadata'] as ObjectMeta) } : {};
  if (def.namespaced) {
    if (metadata.namespace && metadata.namespace !== namespace) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    metadata.namespace = namespace;
  } else delete metadata.namespace;
  return { ...body, apiVersion: expected, kind: def.kind, metadata } as KubeObject;
}

const suffixAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** The 5-character suffix generateName appends (the apiserver's alphabet, without vowels). */
export function randomNameSuffix(random: () => number, length = 5): string {
  let out = '';
  for (let i = 0; i < length; i++) out += suffixAlphabet[Math.floor(random() * suffixAlphabet.length)];
  return out;
}

/** A new object: server-owned metadata removed, name generated, status reset for status-subresource kinds. */
export function prepareForCreate(def: ResourceDefinition, object: KubeObject, options: { random: () => number; preserveStatus: boolean; keepManagedFields: boolean }): KubeObject {
  const metadata: ObjectMeta = { ...object.metadata };
  for (const key of serverOwnedMeta) delete metadata[key];
  if (!options.keepManagedFields) delete metadata.managedFields;
  if (!metadata.name && metadata.generateName) metadata.name = `${metadata.generateName}${randomNameSuffix(options.random)}`;
  const out: KubeObject = { ...object, metadata };
  if (def.subresources.status && !options.preserveStatus) {
    if (def.source === 'crd') delete out['status'];
    else out['status'] = {};
  }
  return out;
}

/** An update keeps what the client may not change: identity, timestamps, generation, status (if a subresource). */
export function carryServerFields(def: ResourceDefinition, next: KubeObject, old: KubeObject, options: { preserveStatus: boolean }): KubeObject {
  const metadata: ObjectMeta = { ...next.metadata, name: old.metadata.name, uid: old.metadata.uid, creationTimestamp: old.metadata.creationTimestamp };
  if (old.metadata.namespace !== undefined) metadata.namespace = old.metadata.namespace;
  for (const key of ['deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const) {
    if (old.metadata[key] === undefined) delete metadata[key];
    else metadata[key] = old.metadata[key] as never;
  }
  if (metadata.managedFields === undefined && old.metadata.managedFields !== undefined) metadata.managedFields = old.metadata.managedFields;
  metadata.resourceVersion = old.metadata.resourceVersion;
  const out: KubeObject = { ...next, metadata };
  if (def.subresources.status && !options.preserveStatus) {
    if (old['status'] === undefined) delete out['status'];
    else out['status'] = old['status'];
  }
  return out;
}

/** A status-subresource write: the old object with only .status taken from the new one. */
export function withStatusOf(old: KubeObject, next: KubeObject): KubeObject {
  const out: KubeObject = { ...old };
  if (next['status'] === undefined) delete out['status'];
  else out['status'] = next['status'];
  return out;
}

/** Drops resourceVersion so that a no-op write can be recognised. */
export function withoutResourceVersion(object: KubeObject): KubeObject {
  const { resourceVersion: _ignored, ...metadata } = object.metadata;
  return { ...object, metadata };
}
