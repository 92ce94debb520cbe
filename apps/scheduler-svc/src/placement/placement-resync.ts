import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { deterministicId, type Subjects } from '@karmada-ts/contracts';
import type { Logger } from '@karmada-ts/operability';
import { SERVICE_LOGGER, SUBJECTS } from '@karmada-ts/service-runtime';
import { schedulerSvcName } from '../durables.js';
import { SchedulerReadModel } from '../read-models/scheduler-read-model.js';
import { bindingId } from '../read-models/read-models.js';
import { PlacementSync } from './placement-sync.js';

/**
 * Karmada's scheduler starts by looking at every binding once. Here that re-arms the wake-ups lost with the previous
 * process (a deadline that passed meanwhile is acted on now) and catches a cluster change whose requeue a crash cut
 * short. An unchanged decision appends nothing.
 */
@Injectable()
export class PlacementResync implements OnApplicationBootstrap {
  private done = false;

  constructor(
    @Inject(SchedulerReadModel) private readonly readModel: SchedulerReadModel,
    @Inject(PlacementSync) private readonly sync: PlacementSync,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.done) return;
    this.done = true;
    const time = new Date().toISOString();
    for (const key of await this.readModel.bindingKeys()) {
      const id = deterministicId(schedulerSvcName, 'resync', this.subjects.placement(key.namespace, key.name), time);
      try {
        await this.sync.reconcile(key, { id, correlationId: id, time });
      } catch (error) {
        this.logger.error({ err: error, binding: bindingId(key) }, 'resync of a binding failed; its next event decides again');
      }
    }
  }
}
