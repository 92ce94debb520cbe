import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { WatchedKind } from '@karmada-ts/member-access';
import type { Logger } from '@karmada-ts/operability';
import { ownsCluster, RUNTIME_CONFIG, SERVICE_LOGGER, type ReplicaPartition, type RuntimeConfig } from '@karmada-ts/service-runtime';
import { ClusterViews } from '../members/cluster-views.js';
import type { MemberConnection } from '../members/member-connection.js';
import { MemberConnections } from '../members/member-connections.js';
import { WorkStore, type AppliedKind } from '../projections/work-store.js';
import { MemberObjectSync } from './member-object-sync.js';

/** How often the watched kinds are compared with the Works in the read model. */
const resyncMs = 30_000;
/** How long a new informer may take to list its kind before the scan for missing objects is tried again. */
const syncTimeoutMs = 60_000;

/**
 * Keeps an informer on every kind a ready cluster has been dispatched, also for Works this replica has not applied
 * itself (after a restart, or when another replica did): at start-up and then every 30 s, from the read model's table
 * of applied kinds, never by polling the members. With a partition, only on the clusters this replica serves: the
 * table holds every replica's. When an informer has listed its kind for the first time, each Work object it
 * did not find is looked at, so objects deleted while nobody watched are recreated too.
 */
@Injectable()
export class MemberWatches implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly scanned = new WeakMap<MemberConnection, Set<string>>();
  private readonly partition: ReplicaPartition;

  constructor(
    private readonly works: WorkStore,
    private readonly clusters: ClusterViews,
    private readonly connections: MemberConnections,
    private readonly sync: MemberObjectSync,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    @Inject(RUNTIME_CONFIG) config: RuntimeConfig,
  ) {
    this.partition = config.partition;
  }

  onApplicationBootstrap(): void {
    this.refreshSoon();
    this.timer = setInterval(() => this.refreshSoon(), resyncMs).unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private refreshSoon(): void {
    this.running ??= this.refresh()
      .catch((error: unknown) => this.logger.warn({ err: error }, 'refreshing the member watches failed; next round in 30 s'))
      .finally(() => (this.running = undefined));
  }

  private async refresh(): Promise<void> {
    const byCluster = new Map<string, AppliedKind[]>();
    for (const kind of await this.works.appliedKinds()) {
      if (!ownsCluster(this.partition, kind.cluster)) continue;
      const kinds = byCluster.get(kind.cluster) ?? [];
      kinds.push(kind);
      byCluster.set(kind.cluster, kinds);
    }
    for (const [cluster, kinds] of byCluster) {
      const view = await this.clusters.load(cluster);
      if (!view.cluster || !view.ready) continue;
      let connection: MemberConnection;
      try {
        connection = await this.connections.connect(view.cluster);
      } catch (error) {
        this.logger.warn({ err: error, cluster }, 'no connection to the member; its objects are not watched for now');
        continue;
      }
      for (const { apiVersion, kind } of kinds) {
        const watched = { apiVersion, kind };
        connection.informers.watch(watched);
        this.scanOnce(connection, watched);
      }
    }
  }

  /** After an informer's first list: the objects of Works it did not find may have been deleted unwatched. */
  private scanOnce(connection: MemberConnection, kind: WatchedKind): void {
    const id = `${kind.apiVersion}/${kind.kind}`;
    const done = this.scanned.get(connection) ?? new Set<string>();
    this.scanned.set(connection, done);
    if (done.has(id)) return;
    done.add(id);
    void connection.informers
      .waitForSync(kind, syncTimeoutMs)
      .then(async (synced) => {
        if (!synced) {
          done.delete(id);
          return;
        }
        for (const object of await this.works.appliedObjects(connection.cluster, kind)) {
          if (!connection.informers.has(object)) this.sync.trigger(connection.cluster, object.work);
        }
      })
      .catch((error: unknown) => {
        done.delete(id);
        this.logger.warn({ err: error, cluster: connection.cluster, kind: id }, 'looking for member objects deleted unwatched failed; next round in 30 s');
      });
  }
}
