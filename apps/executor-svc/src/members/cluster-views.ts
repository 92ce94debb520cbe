import { Inject, Injectable } from '@nestjs/common';
import type { ClusterStatusCollectedData } from '@karmada-ts/contracts';
import { clusterWithStatus, ClusterConditionType, isConditionTrue, type Cluster, type ClusterStatus } from '@karmada-ts/domain';
import { LatestStateReader } from '@karmada-ts/projections';
import { BatchedStateReads, PROJECTION_DATABASE } from '@karmada-ts/service-runtime';
import type { DataSource } from 'typeorm';
import { clusterStatusesTable, clusterStatusKind } from '../projections/cluster-statuses.projection.js';
import { clusterKind, clustersTable } from '../projections/clusters.projection.js';

/** What the executor needs to know about a member cluster before it calls it. */
export interface ClusterView {
  readonly name: string;
  /** Undefined when no such Cluster is known (not joined, or not projected yet). */
  readonly cluster: Cluster | undefined;
  /** Its Ready condition is True (in a status published for this very Cluster). */
  readonly ready: boolean;
  /** It is being deleted (unjoined): Works may be cleaned up without reaching it. */
  readonly terminating: boolean;
}

/**
 * Loads Cluster views from the Clusters and cluster statuses read models. The views asked for at the same moment
 * (the Works of one batch, spread over up to a hundred members) are read together: two queries, not two per cluster.
 */
@Injectable()
export class ClusterViews {
  private readonly clusters: BatchedStateReads<Cluster>;
  private readonly statuses: BatchedStateReads<ClusterStatusCollectedData>;

  constructor(@Inject(PROJECTION_DATABASE) database: DataSource) {
    this.clusters = new BatchedStateReads(new LatestStateReader(database, clustersTable));
    this.statuses = new BatchedStateReads(new LatestStateReader(database, clusterStatusesTable));
  }

  async load(name: string): Promise<ClusterView> {
    const [cluster, status] = await Promise.all([
      this.clusters.get({ kind: clusterKind, namespace: '', name }),
      this.statuses.get({ kind: clusterStatusKind, namespace: '', name }),
    ]);
    return clusterView(name, cluster?.state, status?.state);
  }
}

/** The Cluster with its published status (a status published for an earlier Cluster of the same name is ignored). */
export function clusterView(name: string, cluster: Cluster | undefined, published: ClusterStatusCollectedData | undefined): ClusterView {
  const merged = cluster && clusterWithStatus(cluster, published && { ...(published.uid ? { uid: published.uid } : {}), status: published.status as ClusterStatus });
  return {
    name,
    cluster,
    ready: isConditionTrue(merged?.status?.conditions, ClusterConditionType.Ready),
    terminating: Boolean(cluster?.metadata.deletionTimestamp),
  };
}
