import { Inject, Injectable } from '@nestjs/common';
import { ClusterStatusCollected, ResourceCreated, ResourceDeleted, ResourceUpdated, type ResourceWrittenData } from '@karmada-ts/contracts';
import type { Cluster } from '@karmada-ts/domain';
import type { EventStore, StoredEvent } from '@karmada-ts/eventstore';
import type { WatchedKind } from '@karmada-ts/member-access';
import type { Logger } from '@karmada-ts/operability';
import { EVENT_STORE, RUNTIME_CONFIG, SERVICE_LOGGER, type BatchReconciler, type RuntimeConfig } from '@karmada-ts/service-runtime';
import { executorDurablesOf } from '../durables.js';
import { WorkExecutor } from '../execution/work-executor.js';
import { ClusterViews } from '../members/cluster-views.js';
import { MemberConnections } from '../members/member-connections.js';
import { WorkStore } from '../projections/work-store.js';

/** How often a cluster that stays Ready has its pending Works resumed at most. */
const resyncIntervalMs = 60_000;

/**
 * A Cluster's spec or status changed. When it becomes Ready (or starts being unjoined), and whenever its spec
 * changes, the Works it holds up are reconciled: their own retries may have run out while it was away. A status
 * that only says again that it is Ready (capacity, heartbeats: every few seconds while Works arrive) resumes them
 * at most once a minute, as a resync: their own events are on their way through the Works consumer already. A
 * Cluster that is gone loses its connection. A Cluster that becomes Ready has its connection prepared at once
 * (MemberConnection.prepare), before its first Works come.
 */
@Injectable()
export class ClusterChangedReconciler implements BatchReconciler {
  /**
   * When each cluster's pending Works were last resumed (performance.now()), while it has stayed usable (Ready or
   * being unjoined) since: a cluster without an entry is resumed at its next usable event.
   */
  private readonly resumedAt = new Map<string, number>();
  /** This replica's Works consumer (its own with a partition). */
  private readonly worksDurable: string;

  constructor(
    private readonly works: WorkStore,
    private readonly clusters: ClusterViews,
    private readonly connections: MemberConnections,
    private readonly executor: WorkExecutor,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
    @Inject(RUNTIME_CONFIG) config: RuntimeConfig,
  ) {
    this.worksDurable = executorDurablesOf(config.partition).works;
  }

  async reconcile(events: readonly StoredEvent[]): Promise<void> {
    // Per cluster: whether any of its events changed its spec (a status event does not).
    const specChanged = new Map<string, boolean>();
    for (const event of events) {
      const name = clusterNameOf(event);
      if (name !== undefined) specChanged.set(name, specChanged.get(name) === true || !ClusterStatusCollected.is(event));
    }
    // Read once for the batch, and only if a cluster of it has its connection prepared.
    let kinds: Promise<WatchedKind[]> | undefined;
    const dispatchedKinds = () => (kinds ??= this.works.dispatchedKinds());
    const settled = await Promise.allSettled([...specChanged].map(([name, changed]) => this.resume(name, changed, dispatchedKinds)));
    const failed = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as Error] : []));
    if (failed.length > 0) throw new AggregateError(failed, failed.map((error) => error.message).join('; '));
  }

  private async resume(name: string, specChanged: boolean, dispatchedKinds: () => Promise<WatchedKind[]>): Promise<void> {
    const view = await this.clusters.load(name);
    if (!view.cluster || !(view.ready || view.terminating)) {
      this.resumedAt.delete(name);
      if (!view.cluster) await this.connections.close(name);
      return;
    }
    if (view.ready && !this.resumedAt.has(name)) this.prepare(view.cluster, dispatchedKinds);
    const resynced = performance.now() - (this.resumedAt.get(name) ?? Number.NEGATIVE_INFINITY) < resyncIntervalMs;
    if (!specChanged && resynced) return;
    // Works whose last event the Works consumer has not acknowledged yet are still on their way through it.
    const handled = await this.store.ackFloor(this.worksDurable);
    await this.executor.reconcileAll(await this.works.pendingOf(name, handled));
    // Only once its pending Works are through: a failure comes back with the batch and resumes them again.
    this.resumedAt.set(name, performance.now());
  }

  /**
   * Readies the connection to a cluster that has become Ready for the kinds Karmada dispatches, in the background: a
   * failure only leaves that work to the cluster's first Work.
   */
  private prepare(cluster: Cluster, dispatchedKinds: () => Promise<WatchedKind[]>): void {
    void (async () => {
      const connection = await this.connections.connect(cluster);
      await connection.prepare(await dispatchedKinds());
    })().catch((error: unknown) =>
      this.logger.warn({ err: error, cluster: cluster.metadata.name }, 'could not prepare the connection to the member; its first Work will'),
    );
  }
}

function clusterNameOf(event: StoredEvent): string | undefined {
  if (ClusterStatusCollected.is(event)) return event.data.name;
  if (ResourceCreated.is(event) || ResourceUpdated.is(event) || ResourceDeleted.is(event)) return (event.data as ResourceWrittenData).object.metadata.name;
  return undefined;
}
