import { Inject, Injectable } from '@nestjs/common';
import { BindingUpserted, PlacementDecided } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { BatchReconciler } from '@karmada-ts/service-runtime';
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
    for (const { key, cause } of latest.values()) await this.dependents.reconcile(key, cause);
  }
}
