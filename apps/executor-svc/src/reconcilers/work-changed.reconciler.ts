import { Injectable } from '@nestjs/common';
import { WorkDeletionRequested, WorkRendered, type WorkRenderedData } from '@karmada-ts/contracts';
import type { SettleEvent, StoredEvent } from '@karmada-ts/eventstore';
import type { BatchReconciler } from '@karmada-ts/service-runtime';
import { WorkExecutor } from '../execution/work-executor.js';
import { workKeyId, type WorkKey } from '../projections/works.projection.js';

/**
 * A Work was rendered or its deletion requested: reconcile it from the read model (the event is only a wake-up). Each
 * Work's events are settled as soon as that Work is through (the Works consumer's settlesEach): a Work that waits for
 * its member holds only its own place among the Works in flight, never its batch's.
 */
@Injectable()
export class WorkChangedReconciler implements BatchReconciler {
  constructor(private readonly executor: WorkExecutor) {}

  async reconcile(events: readonly StoredEvent[], settle: SettleEvent): Promise<void> {
    const works = new Map<string, { key: WorkKey; events: StoredEvent[] }>();
    for (const event of events) {
      if (!WorkRendered.is(event) && !WorkDeletionRequested.is(event)) continue;
      const { metadata } = (event.data as WorkRenderedData).work;
      const key = { namespace: metadata.namespace ?? '', name: metadata.name ?? '' };
      const id = workKeyId(key);
      const work = works.get(id) ?? { key, events: [] };
      work.events.push(event);
      works.set(id, work);
    }
    await this.executor.reconcileEach([...works.values()].map((w) => w.key), (key, error) => {
      for (const event of works.get(workKeyId(key))!.events) settle(event, error);
    });
  }
}
