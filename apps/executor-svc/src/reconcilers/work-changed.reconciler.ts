import { Injectable } from '@nestjs/common';
import { WorkDeletionRequested, WorkRendered, type WorkRenderedData } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { BatchReconciler } from '@karmada-ts/service-runtime';
import { WorkExecutor } from '../execution/work-executor.js';
import { workKeyId, type WorkKey } from '../projections/works.projection.js';

/** A Work was rendered or its deletion requested: reconcile it from the read model (the event is only a wake-up). */
@Injectable()
export class WorkChangedReconciler implements BatchReconciler {
  constructor(private readonly executor: WorkExecutor) {}

  async reconcile(events: readonly StoredEvent[]): Promise<void> {
    const keys = new Map<string, WorkKey>();
    for (const event of events) {
      if (!WorkRendered.is(event) && !WorkDeletionRequested.is(event)) continue;
      const { metadata } = (event.data as WorkRenderedData).work;
      const key = { namespace: metadata.namespace ?? '', name: metadata.name ?? '' };
      keys.set(workKeyId(key), key);
    }
    await this.executor.reconcileAll([...keys.values()]);
  }
}
