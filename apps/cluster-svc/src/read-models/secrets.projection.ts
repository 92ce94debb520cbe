import { ResourceCreated, ResourceDeleted, ResourceUpdated, type ResourceWrittenData } from '@karmada-ts/contracts';
import { latestStateProjection } from '@karmada-ts/projections';
import { readModelKinds, readModelTables, type SecretRow } from './read-models.js';

/** Which sealed version of each Secret's values is current: a cluster's credentials are read with it. */
export const secretsProjection = latestStateProjection({
  name: 'secrets',
  table: readModelTables.secrets,
  eventTypes: [ResourceCreated.type, ResourceUpdated.type, ResourceDeleted.type],
  key: (event) => {
    const { namespace, name } = (event.data as Pick<ResourceWrittenData, 'object'>).object.metadata;
    return name ? { kind: readModelKinds.secret, namespace: namespace ?? '', name } : undefined;
  },
  state: (event): SecretRow | null => {
    if (ResourceDeleted.is(event)) return null;
    const { sealedData } = event.data as ResourceWrittenData;
    return sealedData ? { sealedData } : {};
  },
});
