import { BindingUpserted, type BindingUpsertedData } from '@karmada-ts/contracts';
import { workTargetClusters, type AnyResourceBinding } from '@karmada-ts/domain';
import type { Projection, TableSpec } from '@karmada-ts/projections';
import { tables, type EventState } from './read-model-tables.js';

const table: TableSpec = { table: tables.bindings, key: ['namespace', 'name'], upsertOnly: true };

/**
 * `bindings`: each binding's last BindingUpserted, with the clusters its requiredBy snapshots name (an attached
 * binding of a dependency has no placement of its own: it goes where its dependents went).
 */
export const bindingsProjection: Projection = {
  name: 'bindings',
  tables: [tables.bindings],
  eventTypes: [BindingUpserted.type],
  apply(events, { writer }) {
    for (const event of events) {
      if (!BindingUpserted.is(event)) continue;
      const data: BindingUpsertedData = event.data;
      const binding = data.binding as unknown as AnyResourceBinding;
      const requiredClusters = workTargetClusters({ resource: binding.spec.resource, requiredBy: binding.spec.requiredBy ?? [] }).map((c) => c.name);
      const state: EventState<BindingUpsertedData> & Record<string, unknown> = { type: event.type, data };
      writer.upsert(
        table,
        { namespace: binding.metadata.namespace ?? '', name: binding.metadata.name ?? '', required_clusters: requiredClusters, state },
        event.seq,
      );
    }
  },
};
