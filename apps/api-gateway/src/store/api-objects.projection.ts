import {
  ClusterStatusCollected,
  aggregates,
  ResourceCreated,
  ResourceDeleted,
  ResourceUpdated,
  TemplateClaimed,
  TemplateClaimReleased,
  TemplateStatusAggregated,
  type Envelope,
} from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { Projection, ProjectionContext, TableSpec } from '@karmada-ts/projections';
import { groupResourceKey } from './object-subjects.js';
import { allParts } from './object-parts.js';

export const apiObjectsTable: TableSpec = { table: 'api_objects', key: ['resource', 'namespace', 'name'] };
export const apiObjectPartsTable: TableSpec = { table: 'api_object_parts', key: ['resource', 'namespace', 'name', 'part'] };

/** Template events are the gateway's alone; the same types elsewhere (tools, tests) are not API objects. */
function isTemplateSubject(event: Envelope): boolean {
  return event.subject.split('.')[1] === aggregates.template;
}

/**
 * The API read model: every object's template (api_objects) and other parts (api_object_parts), each row guarded
 * by the sequence that wrote it, so replicas, redeliveries and rebuilds all end with the same rows.
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
  ];

  apply(events: readonly StoredEvent[], { writer }: ProjectionContext): void {
    for (const event of events) {
      if (ResourceCreated.is(event) || ResourceUpdated.is(event)) {
        if (!isTemplateSubject(event)) continue;
        const { resource, object, sealedData } = event.data;
        writer.upsert(
          apiObjectsTable,
          {
            resource: groupResourceKey(resource),
            namespace: object.metadata.namespace ?? '',
            name: object.metadata.name ?? '',
            object,
            labels: object.metadata.labels ?? {},
            sealed_data: sealedData ? { ...sealedData } : null,
          },
          event.seq,
        );
      } else if (ResourceDeleted.is(event)) {
        if (!isTemplateSubject(event)) continue;
        const { resource, object } = event.data;
        writer.delete(apiObjectsTable, { resource: groupResourceKey(resource), namespace: object.metadata.namespace ?? '', name: object.metadata.name ?? '' }, event.seq);
      } else {
        for (const part of allParts) {
          const read = part.read(event, event.seq);
          if (!read) continue;
          writer.upsert(
            apiObjectPartsTable,
            { resource: groupResourceKey(read.key), namespace: read.key.namespace, name: read.key.name, part: part.name, uid: read.content.uid ?? null, data: read.content.data },
            event.seq,
          );
        }
      }
    }
  }
}
