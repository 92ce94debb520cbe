import { Inject, Injectable } from '@nestjs/common';
import type { ResourceWrittenData } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { BatchReconciler } from '@karmada-ts/service-runtime';
import { ClusterFinalizerReleaser } from '../finalizer/cluster-finalizer.releaser.js';
import { ClusterFleet } from '../members/cluster-fleet.js';

/**
 * After a batch of Cluster spec events is projected: the member of each Cluster is started, rebuilt or stopped to
 * match, and a deleting Cluster's finalizer is released when nothing is left in its execution namespace.
 */
@Injectable()
export class ClusterSpecReconciler implements BatchReconciler {
  constructor(
    @Inject(ClusterFleet) private readonly fleet: ClusterFleet,
    @Inject(ClusterFinalizerReleaser) private readonly finalizers: ClusterFinalizerReleaser,
  ) {}

  async reconcile(events: readonly StoredEvent[]): Promise<void> {
    const names = new Set(events.map((e) => (e.data as Pick<ResourceWrittenData, 'object'>).object?.metadata.name).filter((n) => n !== undefined));
    for (const name of names) {
      await this.fleet.sync(name);
      await this.finalizers.release(name);
    }
  }
}
