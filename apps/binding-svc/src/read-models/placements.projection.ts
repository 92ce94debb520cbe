import { PlacementDecided, type PlacementDecidedData } from '@karmada-ts/contracts';
import type { Projection, TableSpec } from '@karmada-ts/projections';
import { tables, type EventState } from './read-model-tables.js';

const table: TableSpec = { table: tables.placements, key: ['namespace', 'name'], upsertOnly: true };

/**
 * What binding-svc reads of a decision: whose it is, the target clusters and the eviction tasks. The rest (the
 * Scheduled condition, the explanation, failover's memory) is the scheduler's and the gateway's; rows written before
 * this was trimmed hold the whole decision, a superset.
 */
export type PlacementRow = Pick<PlacementDecidedData, 'binding' | 'clusters' | 'gracefulEvictionTasks'>;

/** `placements`: each binding's last PlacementDecided, with every cluster it targets or is evicting from. */
export const placementsProjection: Projection = {
  name: 'placements',
  tables: [tables.placements],
  eventTypes: [PlacementDecided.type],
  apply(events, { writer }) {
    for (const event of events) {
      if (!PlacementDecided.is(event)) continue;
      const { binding, clusters: targets, gracefulEvictionTasks }: PlacementDecidedData = event.data;
      const evicting = gracefulEvictionTasks.map((task) => task['fromCluster']).filter((c): c is string => typeof c === 'string');
      const clusters = [...new Set([...targets.map((c) => c.name), ...evicting])];
      const state: EventState<PlacementRow> & Record<string, unknown> = { type: event.type, data: { binding, clusters: targets, gracefulEvictionTasks } };
      writer.upsert(table, { namespace: binding.namespace ?? '', name: binding.name, clusters, state }, event.seq);
    }
  },
};
