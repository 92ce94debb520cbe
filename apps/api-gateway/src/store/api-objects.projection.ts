import {
  BindingCleanedUp,
  BindingStatusAggregated,
  BindingUpserted,
  ClusterStatusCollected,
  PlacementDecided,
  ResourceCreated,
  ResourceDeleted,
  ResourceUpdated,
  TemplateClaimed,
  TemplateClaimReleased,
  TemplateStatusAggregated,
  WorkCleanedUp,
  WorkDeletionRequested,
  WorkRendered,
  WorkStatusReported,
} from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { ObjectKey } from '@karmada-ts/kube';
import type { ProjectionContext, Projection, ProjectionWriter, TableSpec } from '@karmada-ts/projections';
import { allBases } from './object-bases.js';
import { groupResourceKey } from './object-subjects.js';
import { allParts } from './object-shape.js';

export const apiObjectsTable: TableSpec = { table: 'api_objects', key: ['resource', 'namespace', 'name'] };
export const apiObjectPartsTable: TableSpec = { table: 'api_object_parts', key: ['resource', 'namespace', 'name', 'part'] };

function rowKey(key: ObjectKey) {
  return { resource: groupResourceKey(key), namespace: key.namespace, name: key.name };
}

/**
 * The API read model: every object's base (api_objects: templates, bindings, Works) and other parts
 * (api_object_parts), each row guarded by the sequence that wrote it, so replicas, redeliveries and rebuilds all end
 * with the same rows. A part that ends an object (its cleanup finished) removes the object's rows.
 */
export class ApiObjectsProjection implements Projection {
  readonly name = 'api-objects';
  readonly tables = [apiObjectsTable.table, apiObjectPartsTable.table];
  readonly eventTypes = [
    ResourceCreated.type,
    ResourceUpdated.type,
    ResourceDeleted.type,
    TemplateClaimed.type,
    TemplateClaimReleased.type,
    TemplateStatusAggregated.type,
    ClusterStatusCollected.type,
    BindingUpserted.type,
    PlacementDecided.type,
    BindingStatusAggregated.type,
    BindingCleanedUp.type,
    WorkRendered.type,
    WorkDeletionRequested.type,
    WorkStatusReported.type,
    WorkCleanedUp.type,
  ];

  apply(events: readonly StoredEvent[], { writer }: ProjectionContext): void {
    for (const event of events) {
      const base = allBases.map((b) => b.read(event)).find((read) => read !== undefined);
      if (base) {
        const { key, head } = base;
        if (!head.object) writer.delete(apiObjectsTable, rowKey(key), event.seq);
        else {
          const row = { ...rowKey(key), object: head.object, labels: head.object.metadata.labels ?? {}, sealed_data: head.sealedData ? { ...head.sealedData } : null };
          writer.upsert(apiObjectsTable, row, event.seq);
        }
        continue;
      }
      for (const part of allParts) {
        const read = part.read(event, event.seq);
        if (!read) continue;
        if (part.ends?.(read.content)) {
          endObject(writer, read.key, part.base, event.seq);
          continue;
        }
        writer.upsert(apiObjectPartsTable, { ...rowKey(read.key), part: part.name, uid: read.content.uid ?? null, data: read.content.data }, event.seq);
      }
    }
  }
}

/** The object's cleanup finished: its base row and the rows of every part of its base go. */
function endObject(writer: ProjectionWriter, key: ObjectKey, base: string, seq: number): void {
  writer.delete(apiObjectsTable, rowKey(key), seq);
  for (const part of allParts) if (part.base === base) writer.delete(apiObjectPartsTable, { ...rowKey(key), part: part.name }, seq);
}
