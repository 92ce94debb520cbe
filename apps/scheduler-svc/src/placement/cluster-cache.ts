import { Inject, Injectable } from '@nestjs/common';
import { buildClusterSnapshot, clusterWithStatus, type Cluster, type ClusterSnapshot, type ClusterStatus, type Taint } from '@karmada-ts/domain';
import { SchedulerReadModel, type ClusterParts } from '../read-models/scheduler-read-model.js';

/** Every Cluster as the scheduler sees it, and the snapshot decisions are made on. */
export interface ClusterView {
  readonly clusters: ReadonlyMap<string, Cluster>;
  readonly snapshot: ClusterSnapshot;
}

/**
 * The Clusters in memory: spec and cluster-svc's status merged (clusterWithStatus) and compiled once into a
 * ClusterSnapshot, so that a decision costs no database scan. Each use checks a cheap version of the two tables; when
 * a row was written or removed — by this process or by another replica — it reads again only the Clusters whose spec
 * or status moved (with a hundred members reporting, one of them changes several times a second, and reading every
 * Cluster's status each time was most of what the scheduler parsed) and rebuilds the snapshot.
 */
@Injectable()
export class ClusterCache {
  private version: string | undefined;
  private readonly known = new Map<string, { readonly version: string; readonly cluster: Cluster }>();
  private view: ClusterView = { clusters: new Map(), snapshot: buildClusterSnapshot([]) };
  /** Refreshes run one after the other, each starting after the caller's reads were committed. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The refresh queued behind the running one and not started yet: callers until it starts share it. */
  private waiting: Promise<ClusterView> | undefined;

  constructor(@Inject(SchedulerReadModel) private readonly readModel: SchedulerReadModel) {}

  /**
   * The Clusters as the read models have them now. A refresh that has not started yet starts after this call too,
   * so the bindings of a batch, scheduled side by side, share one version check instead of one each.
   */
  current(): Promise<ClusterView> {
    if (this.waiting) return this.waiting;
    const next = this.queue.then(() => {
      this.waiting = undefined;
      return this.refresh();
    });
    this.waiting = next;
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async refresh(): Promise<ClusterView> {
    const version = await this.readModel.clustersVersion();
    if (version === this.version) return this.view;
    const versions = await this.readModel.clusterVersions();
    for (const name of [...this.known.keys()]) if (!versions.has(name)) this.known.delete(name);
    const moved = [...versions].filter(([name, at]) => this.known.get(name)?.version !== at).map(([name]) => name);
    for (const parts of await this.readModel.clustersNamed(moved)) this.known.set(parts.name, { version: parts.version, cluster: merged(parts) });
    const clusters = new Map([...this.known].map(([name, { cluster }]) => [name, cluster]));
    this.view = { clusters, snapshot: buildClusterSnapshot([...clusters.values()]) };
    // The version read first: whatever was written since shows as a newer one at the next use.
    this.version = version;
    return this.view;
  }
}

function merged({ spec, status }: ClusterParts): Cluster {
  if (status === null) return clusterWithStatus(spec, undefined);
  return clusterWithStatus(spec, {
    ...(status.uid ? { uid: status.uid } : {}),
    status: status.status as ClusterStatus,
    ...(status.controllerTaints ? { controllerTaints: status.controllerTaints as readonly Taint[] } : {}),
  });
}
