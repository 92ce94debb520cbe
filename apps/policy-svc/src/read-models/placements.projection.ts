import { PlacementDecided, type PlacementDecidedData } from '@karmada-ts/contracts';
import { latestStateProjection } from '@karmada-ts/projections';
import { bindingRowKind, keyOfBindingSubject, readModelTables } from './read-models.js';

/** Where the scheduler placed a binding: the clusters its dependencies are required in. */
export type PlacementRow = Pick<PlacementDecidedData, 'binding' | 'clusters'>;

export const placementsProjection = latestStateProjection({
  name: 'placements',
  table: readModelTables.placements,
  upsertOnly: true,
  eventTypes: [PlacementDecided.type],
  key: (event) => {
    const { namespace, name } = keyOfBindingSubject(event.subject);
    return { kind: bindingRowKind, namespace: namespace ?? '', name };
  },
  state: (event): PlacementRow => {
    const { binding, clusters } = event.data as PlacementDecidedData;
    return { binding, clusters };
  },
});
