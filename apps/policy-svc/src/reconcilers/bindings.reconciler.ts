import { Inject, Injectable } from '@nestjs/common';
import { BindingUpserted, PlacementDecided } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import { reconcileEach, type BatchReconciler } from '@karmada-ts/service-runtime';
import { DependentsSync } from '../detector/dependents-sync.js';
import { keyOfBindingSubject, type BindingKey } from '../read-models/read-models.js';

/**
 * After a batch of bindings (policy-svc's) or placements (scheduler-svc's) is projected: the dependencies of each
 * binding are distributed again, to the clusters it is now placed on.
 */
@Injectable()
export class BindingsReconciler implements BatchReconciler {
  constructor(@Inject(DependentsSync) private readonly dependents: DependentsSync) {}

  async reconcile(events: readonly StoredEvent[]): Promise<void> {
    const latest = new Map<string, { key: BindingKey; cause: StoredEvent }>();
    for (const event of events) {
      if (!BindingUpserted.is(event) && !PlacementDecided.is(event)) continue;
      const key = keyOfBindingSubject(event.subject);
      latest.set(`${key.namespace ?? ''}/${key.name}`, { key, cause: event });
    }
    // Side by side: two bindings sharing a dependency meet at its attached binding's conditional append, and the one
    // that conflicts decides again (retryOnConflict).
    await reconcileEach(latest.values(), ({ key, cause }) => this.dependents.reconcile(key, cause));
  }
}
