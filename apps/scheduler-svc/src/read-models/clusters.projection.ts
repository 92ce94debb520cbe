import { ClusterStatusCollected, ResourceCreated, ResourceDeleted, ResourceUpdated, type ClusterStatusCollectedData, type KubeObjectJson, type ResourceWrittenData } from '@karmada-ts/contracts';
import { latestStateProjection } from '@karmada-ts/projections';
import { readModelTables, rowKinds } from './read-models.js';

/** The latest spec of every Cluster, as the gateway wrote it. */
export const clustersProjection = latestStateProjection({
  name: 'clusters',
  table: readModelTables.clusters,
  eventTypes: [ResourceCreated.type, ResourceUpdated.type, ResourceDeleted.type],
  key: (event) => {
    const name = (event.data as Pick<ResourceWrittenData, 'object'>).object.metadata.name;
    return name ? { kind: rowKinds.cluster, namespace: '', name } : undefined;
  },
  state: (event): KubeObjectJson | null => (ResourceDeleted.is(event) ? null : (event.data as ResourceWrittenData).object),
});

/** The latest status and controller taints of every Cluster, as cluster-svc collected them. */
export const clusterStatusesProjection = latestStateProjection({
  name: 'cluster-statuses',
  table: readModelTables.clusterStatuses,
  eventTypes: [ClusterStatusCollected.type],
  key: (event) => ({ kind: rowKinds.cluster, namespace: '', name: (event.data as ClusterStatusCollectedData).name }),
  state: (event): ClusterStatusCollectedData => event.data as ClusterStatusCollectedData,
});
