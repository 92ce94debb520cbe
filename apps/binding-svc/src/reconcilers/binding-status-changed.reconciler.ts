import { Inject, Injectable } from '@nestjs/common';
import { BindingCleanedUp, BindingStatusAggregated } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { BatchReconciler } from '@karmada-ts/service-runtime';
import { HeadAppender } from '../sync/head-appender.js';
import { PropagationSync } from '../sync/propagation-sync.js';
import { SyncRequests } from '../sync/sync-requests.js';

/**
 * One of binding-svc's binding-status events reached its read model: decide that binding again, unless the event (or
 * a later one on its subject) is one this process decided on a read model that held every earlier event of the
 * subject (HeadAppender.settled). The decision confirms one that may have been made on a read model trailing the
 * stream, or on inputs older than those of a decision made side by side (see SubjectDecision).
 */
@Injectable()
export class BindingStatusChangedReconciler implements BatchReconciler {
  constructor(
    @Inject(PropagationSync) private readonly sync: PropagationSync,
    @Inject(HeadAppender) private readonly appender: HeadAppender,
  ) {}

  async reconcile(events: readonly StoredEvent[]): Promise<void> {
    const requests = new SyncRequests();
    for (const event of events) {
      if (!BindingStatusAggregated.is(event) && !BindingCleanedUp.is(event)) continue;
      if (this.appender.settled(event.subject, event.seq)) continue;
      requests.binding({ namespace: event.data.binding.namespace ?? '', name: event.data.binding.name }, event, 'status');
    }
    await this.sync.run(requests);
  }
}
