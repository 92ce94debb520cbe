import type { FieldsV1, KubeObject, ManagedFieldsEntry } from '../api/object.js';
import { deepEqual, isJsonObject, type JsonObject } from '../util/json.js';
import {
  containsPath,
  fieldSetOf,
  formatFieldPath,
  isEmptySet,
  leafPaths,
  removeAtPath,
  removePath,
  touchesPath,
  valueAtPath,
  type FieldPath,
} from './field-set.js';
import type { ListTypeResolver } from './list-types.js';

/**
 * Server-side apply with field ownership per manager (kube-api-notes §2.4, level 2): the applied configuration's
 * field set is recorded in managedFields; fields this manager applied before and no longer applies are pruned
 * unless another manager owns them; a field another manager owns with a different value is a conflict unless
 * `force`, which moves ownership. Update-operation managers are kept but not tracked.
 */
export interface ApplyRequest {
  /** The live object, or undefined when the apply creates it. */
  live: KubeObject | undefined;
  /** The applied configuration (apiVersion, kind, metadata.name, and the fields the manager cares about). */
  config: KubeObject;
  manager: string;
  force: boolean;
  listTypes: ListTypeResolver;
  /** Which part of the object the request may change: everything but status, or only status. */
  scope: 'main' | 'status';
  /** The apiVersion recorded in the managedFields entry. */
  apiVersion: string;
  /** The timestamp recorded in the managedFields entry. */
  time: string;
}

export interface ApplyConflict {
  manager: string;
  path: FieldPath;
}

export class ApplyConflictError extends Error {
  constructor(readonly conflicts: readonly ApplyConflict[]) {
    super(conflictMessage(conflicts));
    this.name = 'ApplyConflictError';
  }
}

/** The message the apiserver writes for apply conflicts (`Apply failed with 1 conflict: conflict with "x": .spec.replicas`). */
export function conflictMessage(conflicts: readonly ApplyConflict[]): string {
  if (conflicts.length === 1) return `Apply failed with 1 conflict: conflict with ${JSON.stringify(conflicts[0]!.manager)}: ${formatFieldPath(conflicts[0]!.path)}`;
  const byManager = new Map<string, string[]>();
  for (const c of conflicts) byManager.set(c.manager, [...(byManager.get(c.manager) ?? []), formatFieldPath(c.path)]);
  const lines: string[] = [];
  for (const manager of [...byManager.keys()].sort()) {
    lines.push(`conflicts with ${JSON.stringify(manager)}:`);
    for (const p of byManager.get(manager)!) lines.push(`- ${p}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/** The causes of the 409 Status (`reason: FieldManagerConflict`). */
export function conflictCauses(conflicts: readonly ApplyConflict[]): { reason: string; message: string; field: string }[] {
  return conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${JSON.stringify(c.manager)}`, field: formatFieldPath(c.path) }));
}

/** Metadata members that belong to the server, never to a field manager. */
const serverMetadata = new Set([
  'name',
  'namespace',
  'generateName',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
]);

/** The part of a configuration that is owned: no apiVersion/kind/server metadata, status only in status scope. */
function ownedPart(config: KubeObject, scope: ApplyRequest['scope']): JsonObject {
  if (scope === 'status') return config['status'] === undefined ? {} : { status: config['status'] };
  const out: JsonObject = {};
  for (const key of Object.keys(config)) {
    if (key === 'apiVersion' || key === 'kind' || key === 'status') continue;
    if (key === 'metadata') {
      const metadata: JsonObject = {};
      for (const [k, v] of Object.entries(config.metadata)) if (!serverMetadata.has(k) && v !== undefined) metadata[k] = v;
      if (Object.keys(metadata).length > 0) out['metadata'] = metadata;
      continue;
    }
    out[key] = config[key];
  }
  return out;
}

/** Merges the owned configuration into the live object: keyed lists by key in applied order, atomic values replaced. */
function mergeApplied(live: unknown, config: unknown, path: readonly string[], listTypes: ListTypeResolver): unknown {
  if (isJsonObject(config)) {
    const base = isJsonObject(live) ? live : {};
    const out: JsonObject = { ...base };
    for (const key of Object.keys(config)) {
      const value = config[key];
      if (value === undefined) continue;
      if (value === null) delete out[key];
      else out[key] = mergeApplied(base[key], value, [...path, key], listTypes);
    }
    return out;
  }
  if (Array.isArray(config)) {
    const listType = listTypes(path);
    const base = Array.isArray(live) ? live : [];
    if (listType.type === 'atomic') return config;
    if (listType.type === 'set') return [...config, ...base.filter((v) => !config.some((c) => deepEqual(c, v)))];
    const matches = (a: unknown, b: unknown): boolean => isJsonObject(a) && isJsonObject(b) && listType.keys.every((k) => deepEqual(a[k], b[k]));
    const merged = config.map((item) => mergeApplied(base.find((b) => matches(b, item)), item, path, listTypes));
    return [...merged, ...base.filter((b) => !config.some((c) => matches(b, c)))];
  }
  return config;
}

/** Applies a configuration for one manager; throws ApplyConflictError when conflicts remain and force is off. */
export function serverSideApply(request: ApplyRequest): KubeObject {
  const { live, config, manager, listTypes } = request;
  const owned = ownedPart(config, request.scope);
  const applied = fieldSetOf(owned, listTypes);
  const entries: ManagedFieldsEntry[] = live?.metadata.managedFields ?? [];
  const previous = entries.find((e) => e.manager === manager && e.operation === 'Apply' && (e.subresource ?? '') === subresourceOf(request.scope));
  let others = entries.filter((e) => e !== previous);

  const conflicts: ApplyConflict[] = [];
  for (const path of leafPaths(applied)) {
    if (path[path.length - 1] === '.') continue;
    for (const other of others) {
      if (!containsPath(other.fieldsV1, path)) continue;
      if (!deepEqual(valueAtPath(live, path), valueAtPath(owned, path))) conflicts.push({ manager: other.manager, path });
    }
  }
  if (conflicts.length > 0 && !request.force) throw new ApplyConflictError(conflicts);
  if (conflicts.length > 0) {
    others = others
      .map((e) => {
        let fields = e.fieldsV1;
        for (const c of conflicts) if (c.manager === e.manager) fields = removePath(fields, c.path);
        return { ...e, fieldsV1: fields };
      })
      .filter((e) => !isEmptySet(e.fieldsV1));
  }

  let object = mergeApplied(live ?? {}, owned, [], listTypes) as JsonObject;
  if (!live) object = { ...object, apiVersion: config.apiVersion, kind: config.kind, metadata: { ...config.metadata, ...(object['metadata'] as JsonObject) } };

  const ownedByOthers = (path: FieldPath): boolean => others.some((e) => touchesPath(e.fieldsV1, path));
  const ownedLeaf = (path: FieldPath): boolean => containsPath(applied, path) || others.some((e) => containsPath(e.fieldsV1, path));
  const removed = previous ? leafPaths(previous.fieldsV1).filter((p) => !containsPath(applied, p)) : [];
  removed.sort((a, b) => b.length - a.length);
  for (const path of removed) {
    const target = path[path.length - 1] === '.' ? path.slice(0, -1) : path;
    if (ownedByOthers(target)) continue;
    object = removeAtPath(object, target, ownedLeaf);
  }

  const entry: ManagedFieldsEntry = { manager, operation: 'Apply', apiVersion: request.apiVersion, time: request.time, fieldsType: 'FieldsV1', fieldsV1: applied };
  if (request.scope === 'status') entry.subresource = 'status';
  const managedFields: ManagedFieldsEntry[] = [];
  let placed = false;
  for (const e of entries) {
    if (e === previous) {
      if (!isEmptySet(applied)) managedFields.push(entry);
      placed = true;
    } else {
      const kept = others.find((o) => o.manager === e.manager && o.operation === e.operation && o.subresource === e.subresource);
      if (kept) managedFields.push(kept);
    }
  }
  if (!placed && !isEmptySet(applied)) managedFields.push(entry);
  const metadata = { ...(object['metadata'] as JsonObject) };
  if (managedFields.length > 0) metadata['managedFields'] = managedFields;
  else delete metadata['managedFields'];
  return { ...object, metadata } as KubeObject;
}

function subresourceOf(scope: ApplyRequest['scope']): string {
  return scope === 'status' ? 'status' : '';
}

/** Managed fields as FieldsV1 sets, for callers that inspect ownership. */
export function managedFieldSets(object: KubeObject): Map<string, FieldsV1> {
  return new Map((object.metadata.managedFields ?? []).map((e) => [e.manager, e.fieldsV1]));
}
