import { BindingCleanedUp, type BindingCleanedUpData } from '@karmada-ts/contracts';
import { latestStateProjection } from '@karmada-ts/projections';
import { bindingRowKind, keyOfBindingSubject, readModelTables } from './read-models.js';

/** The last finished cleanup of each binding (BindingCleanedUp), naming the template it was for. */
export const cleanupsProjection = latestStateProjection({
  name: 'binding-cleanups',
  table: readModelTables.cleanups,
  upsertOnly: true,
  eventTypes: [BindingCleanedUp.type],
  key: (event) => {
    const { namespace, name } = keyOfBindingSubject(event.subject);
    return { kind: bindingRowKind, namespace: namespace ?? '', name };
  },
  state: (event): BindingCleanedUpData => event.data as BindingCleanedUpData,
});
