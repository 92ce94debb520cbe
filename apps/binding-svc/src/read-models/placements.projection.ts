import { PlacementDecided, type PlacementDecidedData } from '@karmada-ts/contracts';
import type { Projection, TableSpec } from '@karmada-ts/projections';
import { tables, type EventState } from './read-model-tables.js';

const table: TableSpec = { table: tables.placements, key: ['namespace', 'name'] };

/** `placements`: each binding's last PlacementDecided, with every cluster it targets or is evicting from. */
export const placementsProjection: Projection = {
  name: 'placements',
  tables: [tables.placements],
  eventTypes: [PlacementDecided.type],
  apply(events, { writer }) {
    for (const event of events) {
      if (!PlacementDecided.is(event)) continue;
      const data: PlacementDecidedData = event.data;
      const evicting = data.gracefulEvictionTasks.map((task) => task['fromCluster']).filter((c): c is string => typeof c === 'string');
      const clusters = [...new Set([...data.clusters.map((c) => c.name), ...evicting])];
      const state: EventState<PlacementDecidedData> & Record<string, unknown> = { type: event.type, data };
      writer.upsert(table, { namespace: data.binding.namespace ?? '', name: data.binding.name, clusters, state }, event.seq);
    }
  },
};
