import { Inject, Injectable } from '@nestjs/common';
import { TemplateStatusAggregated } from '@karmada-ts/contracts';
import { generateBindingName } from '@karmada-ts/domain';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { BatchReconciler } from '@karmada-ts/service-runtime';
import { ReadModelReader } from '../read-models/read-model.reader.js';
import { HeadAppender } from '../sync/head-appender.js';
import { PropagationSync } from '../sync/propagation-sync.js';
import { SyncRequests } from '../sync/sync-requests.js';

/**
 * One of binding-svc's template-status events reached its read model: decide the template's binding again, unless the
 * event needs no confirmation (HeadAppender.settled, see BindingStatusChangedReconciler).
 */
@Injectable()
export class TemplateStatusChangedReconciler implements BatchReconciler {
  constructor(
    @Inject(ReadModelReader) private readonly reader: ReadModelReader,
    @Inject(PropagationSync) private readonly sync: PropagationSync,
    @Inject(HeadAppender) private readonly appender: HeadAppender,
  ) {}

  async reconcile(events: readonly StoredEvent[]): Promise<void> {
    const statuses = events.filter((event) => TemplateStatusAggregated.is(event) && !this.appender.settled(event.subject, event.seq));
    if (statuses.length === 0) return;
    const kinds = await this.reader.resourceKinds();
    const requests = new SyncRequests();
    for (const event of statuses) {
      if (!TemplateStatusAggregated.is(event)) continue;
      const { resource, namespace, name } = event.data;
      const kind = kinds.kindOf.get(`${resource.group}/${resource.resource}`);
      if (kind) requests.binding({ namespace: namespace ?? '', name: generateBindingName(kind, name) }, event, 'status');
    }
    await this.sync.run(requests);
  }
}
