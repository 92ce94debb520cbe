import { ResourceCreated, ResourceDeleted, ResourceUpdated, type ResourceWrittenData } from '@karmada-ts/contracts';
import { latestStateProjection } from '@karmada-ts/projections';
import { readModelKinds, readModelTables, type ClusterRow } from './read-models.js';

/** The latest spec of every Cluster (the gateway's template events), with the event that wrote it. */
export const clustersProjection = latestStateProjection({
  name: 'clusters',
  table: readModelTables.clusters,
  eventTypes: [ResourceCreated.type, ResourceUpdated.type, ResourceDeleted.type],
  key: (event) => {
    const name = (event.data as Pick<ResourceWrittenData, 'object'>).object.metadata.name;
    return name ? { kind: readModelKinds.cluster, namespace: '', name } : undefined;
  },
  state: (event): ClusterRow | null =>
    ResourceDeleted.is(event)
      ? null
      : {
          cluster: (event.data as ResourceWrittenData).object,
          cause: { id: event.id, correlationId: event.correlationId, time: event.time },
        },
});
