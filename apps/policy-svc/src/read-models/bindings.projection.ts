import { BindingUpserted, type BindingUpsertedData } from '@karmada-ts/contracts';
import { latestStateProjection } from '@karmada-ts/projections';
import { bindingRowKind, keyOfBindingSubject, readModelTables } from './read-models.js';

/** policy-svc's own bindings: the namespace view the dependencies distributor works from. */
export const bindingsProjection = latestStateProjection({
  name: 'bindings',
  table: readModelTables.bindings,
  upsertOnly: true,
  eventTypes: [BindingUpserted.type],
  key: (event) => {
    const { namespace, name } = keyOfBindingSubject(event.subject);
    return { kind: bindingRowKind, namespace: namespace ?? '', name };
  },
  state: (event): BindingUpsertedData => event.data as BindingUpsertedData,
});
