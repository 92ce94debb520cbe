import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { deterministicId, type Subjects } from '@karmada-ts/contracts';
import type { Logger } from '@karmada-ts/operability';
import { reconcileEach, SERVICE_LOGGER, SUBJECTS } from '@karmada-ts/service-runtime';
import { schedulerSvcName } from '../durables.js';
import { SchedulerReadModel } from '../read-models/scheduler-read-model.js';
import { bindingId } from '../read-models/read-models.js';
import { PlacementSync } from './placement-sync.js';

/**
 * Karmada's scheduler starts by looking at every binding once. Here that re-arms the wake-ups lost with the previous
 * process (a deadline that passed meanwhile is acted on now) and catches a cluster change whose requeue a crash cut
 * short. An unchanged decision appends nothing.
 *
 * It runs beside the consumers, not before them: a decision is conditional on the placement's head, so one made for
 * a new event meanwhile is safe, and with 10,000 bindings looking at each one first kept the service from serving for
 * 12 s.
 */
@Injectable()
export class PlacementResync implements OnApplicationBootstrap, OnApplicationShutdown {
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(
    @Inject(SchedulerReadModel) private readonly readModel: SchedulerReadModel,
    @Inject(PlacementSync) private readonly sync: PlacementSync,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.running ??= this.resync().catch((error: unknown) =>
      this.logger.error({ err: error }, 'the start-up look at every binding failed; each binding is decided again at its next event'),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.running;
  }

  private async resync(): Promise<void> {
    const time = new Date().toISOString();
    await reconcileEach(await this.readModel.bindingKeys(), async (key) => {
      if (this.stopping) return;
      const id = deterministicId(schedulerSvcName, 'resync', this.subjects.placement(key.namespace, key.name), time);
      try {
        await this.sync.reconcile(key, { id, correlationId: id, time });
      } catch (error) {
        this.logger.error({ err: error, binding: bindingId(key) }, 'resync of a binding failed; its next event decides again');
      }
    });
  }
}
