import { Inject, Injectable } from '@nestjs/common';
import { BindingCleanedUp, BindingStatusAggregated } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { BatchReconciler } from '@karmada-ts/service-runtime';
import { PropagationSync } from '../sync/propagation-sync.js';
import { SyncRequests } from '../sync/sync-requests.js';

/** One of binding-svc's own binding-status events reached its read model: decide that binding again (see WorkChangedReconciler). */
@Injectable()
export class BindingStatusChangedReconciler implements BatchReconciler {
  constructor(@Inject(PropagationSync) private readonly sync: PropagationSync) {}

  async reconcile(events: readonly StoredEvent[]): Promise<void> {
    const requests = new SyncRequests();
    for (const event of events) {
      if (!BindingStatusAggregated.is(event) && !BindingCleanedUp.is(event)) continue;
      requests.binding({ namespace: event.data.binding.namespace ?? '', name: event.data.binding.name }, event, 'status');
    }
    await this.sync.run(requests);
  }
}
