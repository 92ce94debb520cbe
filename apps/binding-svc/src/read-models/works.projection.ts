import { WorkDeletionRequested, WorkRendered, type WorkDeletionRequestedData, type WorkRenderedData } from '@karmada-ts/contracts';
import type { Projection, TableSpec } from '@karmada-ts/projections';
import { tables, type EventState } from './read-model-tables.js';
import { workOwnerOf } from './work-owner.js';

const table: TableSpec = { table: tables.works, key: ['namespace', 'name'] };

/** `works`: the last event of each of binding-svc's Work subjects, indexed by the Work's owner. */
export const worksProjection: Projection = {
  name: 'works',
  tables: [tables.works],
  eventTypes: [WorkRendered.type, WorkDeletionRequested.type],
  apply(events, { writer }) {
    for (const event of events) {
      if (!WorkRendered.is(event) && !WorkDeletionRequested.is(event)) continue;
      const data: WorkRenderedData | WorkDeletionRequestedData = event.data;
      const owner = workOwnerOf(data);
      const state: EventState & Record<string, unknown> = { type: event.type, data };
      writer.upsert(
        table,
        {
          namespace: data.work.metadata.namespace ?? '',
          name: data.work.metadata.name ?? '',
          owner_kind: owner?.kind ?? '',
          owner_namespace: owner?.namespace ?? '',
          owner_name: owner?.name ?? '',
          state,
        },
        event.seq,
      );
    }
  },
};
