import { Inject, Injectable } from '@nestjs/common';
import { WorkCleanedUp, WorkStatusReported } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { BatchReconciler } from '@karmada-ts/service-runtime';
import { ReadModelReader } from '../read-models/read-model.reader.js';
import { keyString, type WorkKey } from '../read-models/read-model-tables.js';
import { PropagationSync } from '../sync/propagation-sync.js';
import { SyncRequests } from '../sync/sync-requests.js';

/**
 * executor-svc reported on a Work (its status in the member, or that it cleaned up after a deleted Work): reconcile
 * the Work's owner — its status changes, a deleting binding may be done, a Work waiting for its predecessor to be
 * cleaned up may be rendered.
 */
@Injectable()
export class WorkStatusChangedReconciler implements BatchReconciler {
  constructor(
    @Inject(ReadModelReader) private readonly reader: ReadModelReader,
    @Inject(PropagationSync) private readonly sync: PropagationSync,
  ) {}

  async reconcile(events: readonly StoredEvent[]): Promise<void> {
    const causes = new Map<string, { key: WorkKey; cause: StoredEvent }>();
    for (const event of events) {
      if (!WorkStatusReported.is(event) && !WorkCleanedUp.is(event)) continue;
      const { namespace, name } = event.data.work;
      causes.set(keyString({ namespace, name }), { key: { namespace, name }, cause: event });
    }
    if (causes.size === 0) return;
    const requests = new SyncRequests();
    for (const row of await this.reader.workOwnersAt([...causes.values()].map((c) => c.key))) {
      const { cause } = causes.get(keyString(row))!;
      if (row.owner?.kind === 'Namespace') requests.namespace(row.owner.name, cause);
      else if (row.owner) requests.binding(row.owner, cause, WorkStatusReported.is(cause) ? 'status' : 'works');
    }
    await this.sync.run(requests);
  }
}
