import { ClusterStatusCollected, type ClusterStatusCollectedData } from '@karmada-ts/contracts';
import { latestStateProjection } from '@karmada-ts/projections';

export const clusterStatusesTable = 'cluster_statuses';
export const clusterStatusKind = 'clusterstatus';

/** Cluster status as cluster-svc publishes it (`clusterstatus`): the executor needs its Ready condition. */
export const clusterStatusesProjection = latestStateProjection({
  name: 'cluster-statuses',
  table: clusterStatusesTable,
  upsertOnly: true,
  eventTypes: [ClusterStatusCollected.type],
  key: (event) => ({ kind: clusterStatusKind, namespace: '', name: (event.data as ClusterStatusCollectedData).name }),
  state: (event) => event.data as ClusterStatusCollectedData,
});
