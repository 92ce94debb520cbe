import { BindingStatusAggregated, BindingUpserted, PlacementDecided, type BindingStatusAggregatedData, type BindingUpsertedData, type PlacementDecidedData } from '@karmada-ts/contracts';
import type { AggregatedStatusItem } from '@karmada-ts/domain';
import { latestStateProjection } from '@karmada-ts/projections';
import { bindingRowKey, keyOfBindingSubject, readModelTables } from './read-models.js';

/** policy-svc's bindings; the row's seq is the binding generation a placement answers. */
export const bindingsProjection = latestStateProjection({
  name: 'bindings',
  table: readModelTables.bindings,
  upsertOnly: true,
  eventTypes: [BindingUpserted.type],
  key: (event) => bindingRowKey(keyOfBindingSubject(event.subject)),
  state: (event): BindingUpsertedData => event.data as BindingUpsertedData,
});

/** The scheduler's own decisions: where each binding is, for cluster changes and the eviction tasks to follow. */
export const placementsProjection = latestStateProjection({
  name: 'placements',
  table: readModelTables.placements,
  upsertOnly: true,
  eventTypes: [PlacementDecided.type],
  key: (event) => bindingRowKey(keyOfBindingSubject(event.subject)),
  state: (event): PlacementDecidedData => event.data as PlacementDecidedData,
});

/** The health of a binding per cluster (from binding-svc's aggregatedStatus), which ends graceful evictions. */
export type HealthRow = readonly Pick<AggregatedStatusItem, 'clusterName' | 'health'>[];

export const bindingHealthProjection = latestStateProjection({
  name: 'binding-health',
  table: readModelTables.bindingHealth,
  upsertOnly: true,
  eventTypes: [BindingStatusAggregated.type],
  key: (event) => bindingRowKey(keyOfBindingSubject(event.subject)),
  state: (event): HealthRow =>
    (event.data as BindingStatusAggregatedData).aggregatedStatus.map((item) => ({
      clusterName: String(item['clusterName'] ?? ''),
      ...(typeof item['health'] === 'string' ? { health: item['health'] as AggregatedStatusItem['health'] } : {}),
    })),
});
