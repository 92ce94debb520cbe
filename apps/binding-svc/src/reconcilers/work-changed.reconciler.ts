import { Inject, Injectable } from '@nestjs/common';
import { WorkDeletionRequested, WorkRendered } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { BatchReconciler } from '@karmada-ts/service-runtime';
import { workOwnerOf } from '../read-models/work-owner.js';
import { BindingSync } from '../sync/binding-sync.js';
import { PropagationSync } from '../sync/propagation-sync.js';
import { SyncRequests } from '../sync/sync-requests.js';

/**
 * One of binding-svc's own Work events reached its read model: reconcile the Work's owner again. This closes the loop
 * that lets decisions start from the read model (see SubjectDecision): whatever was decided from a read model that
 * trailed the stream is decided again once the read model has caught up. Not when the binding's latest reconcile in
 * this process made a settled decision on the Work's subject (BindingSync.needsConfirmation): reconciling the binding
 * again then read its whole snapshot to append nothing, once for every batch of its Works.
 */
@Injectable()
export class WorkChangedReconciler implements BatchReconciler {
  constructor(
    @Inject(PropagationSync) private readonly sync: PropagationSync,
    @Inject(BindingSync) private readonly bindings: BindingSync,
  ) {}

  async reconcile(events: readonly StoredEvent[]): Promise<void> {
    const requests = new SyncRequests();
    for (const event of events) {
      if (!WorkRendered.is(event) && !WorkDeletionRequested.is(event)) continue;
      const owner = workOwnerOf(event.data);
      if (owner?.kind === 'Namespace') requests.namespace(owner.name, event);
      else if (owner && this.bindings.needsConfirmation(owner, event.subject)) requests.binding(owner, event);
    }
    await this.sync.run(requests);
  }
}
