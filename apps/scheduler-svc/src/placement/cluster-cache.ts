import { Inject, Injectable } from '@nestjs/common';
import type { ClusterStatusCollectedData } from '@karmada-ts/contracts';
import { buildClusterSnapshot, clusterWithStatus, type Cluster, type ClusterSnapshot, type ClusterStatus, type Taint } from '@karmada-ts/domain';
import { SchedulerReadModel } from '../read-models/scheduler-read-model.js';

/** Every Cluster as the scheduler sees it, and the snapshot decisions are made on. */
export interface ClusterView {
  readonly clusters: ReadonlyMap<string, Cluster>;
  readonly snapshot: ClusterSnapshot;
}

/**
 * The Clusters in memory: spec and cluster-svc's status merged (clusterWithStatus) and compiled once into a
 * ClusterSnapshot, so that a decision costs no database scan. Each use checks a cheap version of the two tables and
 * rebuilds the snapshot only when a row was written or removed — by this process or by another replica.
 */
@Injectable()
export class ClusterCache {
  private version: string | undefined;
  private view: ClusterView = { clusters: new Map(), snapshot: buildClusterSnapshot([]) };
  /** Refreshes run one after the other, each starting after the caller's reads were committed. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(@Inject(SchedulerReadModel) private readonly readModel: SchedulerReadModel) {}

  /** The Clusters as the read models have them now. */
  current(): Promise<ClusterView> {
    const next = this.queue.then(() => this.refresh());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async refresh(): Promise<ClusterView> {
    const version = await this.readModel.clustersVersion();
    if (version === this.version) return this.view;
    const { specs, statuses } = await this.readModel.clusterParts();
    const byName = new Map<string, ClusterStatusCollectedData>(statuses.map((status) => [status.name, status]));
    const clusters = new Map<string, Cluster>();
    for (const spec of specs) {
      const name = spec.metadata.name ?? '';
      const collected = byName.get(name);
      clusters.set(
        name,
        clusterWithStatus(
          spec,
          collected && {
            ...(collected.uid ? { uid: collected.uid } : {}),
            status: collected.status as ClusterStatus,
            ...(collected.controllerTaints ? { controllerTaints: collected.controllerTaints as readonly Taint[] } : {}),
          },
        ),
      );
    }
    this.view = { clusters, snapshot: buildClusterSnapshot([...clusters.values()]) };
    this.version = version;
    return this.view;
  }
}
