import { Inject, Injectable } from '@nestjs/common';
import { WorkDeletionRequested, WorkRendered, type WorkRenderedData } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { BatchReconciler } from '@karmada-ts/service-runtime';
import { ReadModelReader } from '../read-models/read-model.reader.js';
import { keyString, type WorkKey, type WorkOwner } from '../read-models/read-model-tables.js';
import { workOwnerOf } from '../read-models/work-owner.js';
import { BindingSync } from '../sync/binding-sync.js';
import { statusReportedOn } from '../sync/known-work.js';
import { PropagationSync } from '../sync/propagation-sync.js';
import { SyncRequests } from '../sync/sync-requests.js';

/**
 * One of binding-svc's own Work events reached its read model: reconcile the Work's owner again. This closes the loop
 * that lets decisions start from the read model (see SubjectDecision): whatever was decided from a read model that
 * trailed the stream is decided again once the read model has caught up. Not when the binding's latest reconcile in
 * this process made a settled decision on the Work's subject (BindingSync.needsConfirmation): reconciling the binding
 * again then read its whole snapshot to append nothing, once for every batch of its Works.
 *
 * Unless executor-svc has reported on the rendered Work already. A report that comes before its Work has reached this
 * read model finds no owner (WorkStatusChangedReconciler) and asks for nothing, and the latest reconcile counted the
 * Work without it, as not applied yet: the binding's status is then reconciled now, or it would wait for the Work's
 * next report (forever, when both reports came first, as after a restart with both consumers catching up).
 */
@Injectable()
export class WorkChangedReconciler implements BatchReconciler {
  constructor(
    @Inject(PropagationSync) private readonly sync: PropagationSync,
    @Inject(BindingSync) private readonly bindings: BindingSync,
    @Inject(ReadModelReader) private readonly reader: ReadModelReader,
  ) {}

  async reconcile(events: readonly StoredEvent[]): Promise<void> {
    const requests = new SyncRequests();
    const unconfirmed: { owner: WorkOwner; event: StoredEvent<WorkRenderedData>; key: WorkKey }[] = [];
    for (const event of events) {
      if (!WorkRendered.is(event) && !WorkDeletionRequested.is(event)) continue;
      const owner = workOwnerOf(event.data);
      if (owner?.kind === 'Namespace') requests.namespace(owner.name, event);
      else if (owner && this.bindings.needsConfirmation(owner, event.subject)) requests.binding(owner, event);
      else if (owner && WorkRendered.is(event)) unconfirmed.push({ owner, event, key: workKeyOf(event.data) });
    }
    if (unconfirmed.length > 0) {
      const reports = await this.reader.workStatuses(unconfirmed.map((u) => u.key));
      for (const { owner, event, key } of unconfirmed) {
        if (statusReportedOn(reports.get(keyString(key)), event.data.work.metadata.uid)) requests.binding(owner, event, 'status');
      }
    }
    await this.sync.run(requests);
  }
}

function workKeyOf(data: WorkRenderedData): WorkKey {
  return { namespace: data.work.metadata.namespace ?? '', name: data.work.metadata.name ?? '' };
}

