import {
  ResourceCreated,
  ResourceDeleted,
  ResourceUpdated,
  ResourceUpserted,
  type GroupVersionResource,
  type KubeObjectJson,
  type SealedSecretData,
} from '@karmada-ts/contracts';
import { SkippedApiGroups } from '@karmada-ts/domain';
import type { StoredEvent } from '@karmada-ts/eventstore';
import { latestStateProjection, type Projection, type TableSpec } from '@karmada-ts/projections';
import { knownResources, resourceKey, tables, type TemplateState } from './read-model-tables.js';

const templateEventTypes = [ResourceCreated.type, ResourceUpdated.type, ResourceUpserted.type, ResourceDeleted.type];
const knownKeys = new Set(Object.values(knownResources).map(resourceKey));

/** The object and resource a template event carries (every template event type has both; Secrets a seal). */
function templateOf(event: StoredEvent): { resource: GroupVersionResource; object: KubeObjectJson; sealedData?: SealedSecretData } {
  return event.data as { resource: GroupVersionResource; object: KubeObjectJson; sealedData?: SealedSecretData };
}

/**
 * Whether binding-svc keeps a template: anything that can be propagated, plus the Karmada objects it renders with
 * (Clusters and override policies). Propagation policies and Karmada's other APIs are not its business.
 */
function kept(resource: GroupVersionResource): boolean {
  return knownKeys.has(resourceKey(resource)) || !SkippedApiGroups.includes(resource.group);
}

/** `templates`: the newest version of every kept object, removed when the object is deleted. */
export const templatesProjection: Projection = latestStateProjection({
  name: 'templates',
  table: tables.templates,
  eventTypes: templateEventTypes,
  key(event) {
    const { resource, object } = templateOf(event);
    if (!kept(resource) || !object.metadata.name) return undefined;
    return { kind: resourceKey(resource), namespace: object.metadata.namespace ?? '', name: object.metadata.name };
  },
  state(event) {
    if (ResourceDeleted.is(event)) return null;
    const { resource, object, sealedData } = templateOf(event);
    const state: TemplateState = { resource, object, ...(sealedData ? { sealedData } : {}) };
    return state;
  },
});

const resourceKindsTable: TableSpec = { table: tables.resourceKinds, key: ['api_group', 'kind'], upsertOnly: true };

/**
 * `resource_kinds`: group + kind → plural resource name, learned from every template event and never forgotten, so
 * a binding (which names its template by apiVersion and kind) finds the template's row and subjects.
 */
export const resourceKindsProjection: Projection = {
  name: 'resource-kinds',
  tables: [tables.resourceKinds],
  eventTypes: templateEventTypes,
  apply(events, { writer }) {
    for (const event of events) {
      const { resource, object } = templateOf(event);
      if (!object.kind) continue;
      writer.upsert(resourceKindsTable, { api_group: resource.group, kind: object.kind, resource: resource.resource }, event.seq);
    }
  },
};
