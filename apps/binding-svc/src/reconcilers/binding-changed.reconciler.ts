import { Inject, Injectable } from '@nestjs/common';
import { BindingUpserted } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { BatchReconciler } from '@karmada-ts/service-runtime';
import { PropagationSync } from '../sync/propagation-sync.js';
import { SyncRequests } from '../sync/sync-requests.js';

/** policy-svc changed a binding (its spec, or that it is being deleted): reconcile it. */
@Injectable()
export class BindingChangedReconciler implements BatchReconciler {
  constructor(@Inject(PropagationSync) private readonly sync: PropagationSync) {}

  async reconcile(events: readonly StoredEvent[]): Promise<void> {
    const requests = new SyncRequests();
    for (const event of events) {
      if (!BindingUpserted.is(event)) continue;
      const { metadata } = event.data.binding;
      requests.binding({ namespace: metadata.namespace ?? '', name: metadata.name ?? '' }, event, 'works', 'binding');
    }
    await this.sync.run(requests);
  }
}
