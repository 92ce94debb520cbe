import { Inject, Injectable } from '@nestjs/common';
import { PlacementDecided } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { BatchReconciler } from '@karmada-ts/service-runtime';
import { PropagationSync } from '../sync/propagation-sync.js';
import { SyncRequests } from '../sync/sync-requests.js';

/** scheduler-svc decided where a binding goes (or evicts it from a cluster): reconcile the binding. */
@Injectable()
export class PlacementChangedReconciler implements BatchReconciler {
  constructor(@Inject(PropagationSync) private readonly sync: PropagationSync) {}

  async reconcile(events: readonly StoredEvent[]): Promise<void> {
    const requests = new SyncRequests();
    for (const event of events) {
      if (!PlacementDecided.is(event)) continue;
      requests.binding({ namespace: event.data.binding.namespace ?? '', name: event.data.binding.name }, event, 'works', 'placement');
    }
    await this.sync.run(requests);
  }
}
