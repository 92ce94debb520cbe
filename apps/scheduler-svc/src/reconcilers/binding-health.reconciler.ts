import { Inject, Injectable } from '@nestjs/common';
import { BindingStatusAggregated } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import { reconcileEach, type BatchReconciler } from '@karmada-ts/service-runtime';
import { PlacementSync } from '../placement/placement-sync.js';
import { SchedulerReadModel } from '../read-models/scheduler-read-model.js';
import { bindingId, keyOfBindingSubject, type BindingKey } from '../read-models/read-models.js';

/**
 * After a batch of aggregated binding statuses: the bindings whose decision depends on health — application
 * failover, graceful eviction tasks that may end, a failback waiting for the original clusters — decide again.
 */
@Injectable()
export class BindingHealthReconciler implements BatchReconciler {
  constructor(
    @Inject(SchedulerReadModel) private readonly readModel: SchedulerReadModel,
    @Inject(PlacementSync) private readonly placements: PlacementSync,
  ) {}

  async reconcile(events: readonly StoredEvent[]): Promise<void> {
    const latest = new Map<string, { key: BindingKey; cause: StoredEvent }>();
    for (const event of events) {
      if (!BindingStatusAggregated.is(event)) continue;
      const key = keyOfBindingSubject(event.subject);
      latest.set(bindingId(key), { key, cause: event });
    }
    const watchers = await this.readModel.healthWatchers([...latest.values()].map(({ key }) => key));
    await reconcileEach(watchers, (key) => this.placements.reconcile(key, latest.get(bindingId(key))!.cause));
  }
}
