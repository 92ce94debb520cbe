import { Injectable } from '@nestjs/common';
import { ClusterStatusCollected, ResourceCreated, ResourceDeleted, ResourceUpdated, type ResourceWrittenData } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { BatchReconciler } from '@karmada-ts/service-runtime';
import { WorkExecutor } from '../execution/work-executor.js';
import { ClusterViews } from '../members/cluster-views.js';
import { MemberConnections } from '../members/member-connections.js';
import { WorkStore } from '../projections/work-store.js';

/**
 * A Cluster's spec or status changed. When it is Ready (or being unjoined) again, the Works it holds up are
 * reconciled: their own retries may have run out while it was away. A Cluster that is gone loses its connection.
 */
@Injectable()
export class ClusterChangedReconciler implements BatchReconciler {
  constructor(
    private readonly works: WorkStore,
    private readonly clusters: ClusterViews,
    private readonly connections: MemberConnections,
    private readonly executor: WorkExecutor,
  ) {}

  async reconcile(events: readonly StoredEvent[]): Promise<void> {
    const names = new Set(events.flatMap((event) => clusterNameOf(event) ?? []));
    const settled = await Promise.allSettled([...names].map((name) => this.resume(name)));
    const failed = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as Error] : []));
    if (failed.length > 0) throw new AggregateError(failed, failed.map((error) => error.message).join('; '));
  }

  private async resume(name: string): Promise<void> {
    const view = await this.clusters.load(name);
    if (!view.cluster) return this.connections.close(name);
    if (!view.ready && !view.terminating) return;
    await this.executor.reconcileAll(await this.works.pendingOf(name));
  }
}

function clusterNameOf(event: StoredEvent): string | undefined {
  if (ClusterStatusCollected.is(event)) return event.data.name;
  if (ResourceCreated.is(event) || ResourceUpdated.is(event) || ResourceDeleted.is(event)) return (event.data as ResourceWrittenData).object.metadata.name;
  return undefined;
}
