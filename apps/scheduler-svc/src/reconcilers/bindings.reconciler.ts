import { Inject, Injectable } from '@nestjs/common';
import { BindingUpserted } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import { reconcileEach, type BatchReconciler } from '@karmada-ts/service-runtime';
import { PlacementSync } from '../placement/placement-sync.js';
import { bindingId, keyOfBindingSubject, type BindingKey } from '../read-models/read-models.js';

/** After a batch of bindings is projected: each changed binding is decided again (its newest event is the cause). */
@Injectable()
export class BindingsReconciler implements BatchReconciler {
  constructor(@Inject(PlacementSync) private readonly placements: PlacementSync) {}

  async reconcile(events: readonly StoredEvent[]): Promise<void> {
    const latest = new Map<string, { key: BindingKey; cause: StoredEvent }>();
    for (const event of events) {
      if (!BindingUpserted.is(event)) continue;
      const key = keyOfBindingSubject(event.subject);
      latest.set(bindingId(key), { key, cause: event });
    }
    await reconcileEach(latest.values(), ({ key, cause }) => this.placements.reconcile(key, cause));
  }
}
