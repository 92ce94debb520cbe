import { Inject, Injectable } from '@nestjs/common';
import { clusterChange, requeuedByClusterChange } from '@karmada-ts/domain';
import type { StoredEvent } from '@karmada-ts/eventstore';
import { reconcileEach, type BatchReconciler } from '@karmada-ts/service-runtime';
import { ClusterChanges } from '../placement/cluster-changes.js';
import { PlacementSync } from '../placement/placement-sync.js';
import { SchedulerReadModel } from '../read-models/scheduler-read-model.js';

/**
 * After a batch of Cluster specs (gateway) or statuses (cluster-svc) is projected: the bindings the changes concern
 * (requeuedByClusterChange: affinity matching the cluster before or after, placed on it, or waiting for room) are
 * decided again — a NoExecute taint evicts, a deleting cluster is left, a new cluster is used.
 */
@Injectable()
export class ClustersReconciler implements BatchReconciler {
  constructor(
    @Inject(ClusterChanges) private readonly changes: ClusterChanges,
    @Inject(SchedulerReadModel) private readonly readModel: SchedulerReadModel,
    @Inject(PlacementSync) private readonly placements: PlacementSync,
  ) {}

  async reconcile(events: readonly StoredEvent[]): Promise<void> {
    const cause = events.at(-1);
    if (!cause) return;
    // Heartbeats and node counts change nothing the scheduler reads: most status batches end here.
    const diffs = (await this.changes.next()).map((diff) => ({ ...diff, change: clusterChange(diff.before, diff.after) })).filter((diff) => diff.change !== 'None');
    if (diffs.length === 0) return;
    // A status change (capacity, API enablements) concerns only bindings that found no room: read just those.
    const unschedulableOnly = diffs.every((diff) => diff.change === 'Status');
    const requeued = (await this.readModel.requeueCandidates({ unschedulableOnly })).filter((candidate) =>
      diffs.some((diff) => requeuedByClusterChange(candidate, diff.before, diff.after, diff.change)),
    );
    await reconcileEach(requeued, (candidate) => this.placements.reconcile(candidate.key, cause));
  }
}
