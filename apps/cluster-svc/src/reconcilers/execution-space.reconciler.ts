import { Inject, Injectable } from '@nestjs/common';
import { WorkCleanedUp, WorkDeletionRequested, WorkRendered } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { BatchReconciler } from '@karmada-ts/service-runtime';
import { ClusterFinalizerReleaser } from '../finalizer/cluster-finalizer.releaser.js';

/**
 * After a batch of Work or Work status events is projected: each cluster whose execution namespace changed gets its
 * finalizer release checked (nothing happens unless the Cluster is being deleted).
 */
@Injectable()
export class ExecutionSpaceReconciler implements BatchReconciler {
  constructor(@Inject(ClusterFinalizerReleaser) private readonly finalizers: ClusterFinalizerReleaser) {}

  async reconcile(events: readonly StoredEvent[]): Promise<void> {
    const clusters = new Set<string>();
    for (const event of events) {
      if (WorkRendered.is(event) || WorkDeletionRequested.is(event)) clusters.add(event.data.cluster);
      else if (WorkCleanedUp.is(event)) clusters.add(event.data.work.cluster);
    }
    await this.finalizers.releaseEach([...clusters]);
  }
}
