import { ResourceCreated, ResourceDeleted, ResourceUpdated, type ResourceWrittenData } from '@karmada-ts/contracts';
import { latestStateProjection } from '@karmada-ts/projections';

export const clustersTable = 'clusters';
export const clusterKind = 'cluster';

/** Cluster objects (`template` subjects of clusters.cluster.karmada.io) as the gateway stores them: spec, no status. */
export const clustersProjection = latestStateProjection({
  name: 'clusters',
  table: clustersTable,
  eventTypes: [ResourceCreated.type, ResourceUpdated.type, ResourceDeleted.type],
  key: (event) => ({ kind: clusterKind, namespace: '', name: (event.data as ResourceWrittenData).object.metadata.name ?? '' }),
  state: (event) => (ResourceDeleted.is(event) ? null : (event.data as ResourceWrittenData).object),
});
