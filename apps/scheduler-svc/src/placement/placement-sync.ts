import { Inject, Injectable } from '@nestjs/common';
import { causedBy, deterministicId, PlacementDecided, type Cause, type Subjects } from '@karmada-ts/contracts';
import { decidePlacement, type AnyResourceBinding } from '@karmada-ts/domain';
import { retryOnConflict, type EventStore } from '@karmada-ts/eventstore';
import type { Logger } from '@karmada-ts/operability';
import { EVENT_STORE, SERVICE_LOGGER, SUBJECTS } from '@karmada-ts/service-runtime';
import { SCHEDULER_CONFIG, type SchedulerConfig } from '../config/scheduler-config.js';
import { schedulerSvcName } from '../durables.js';
import { SchedulerReadModel } from '../read-models/scheduler-read-model.js';
import type { BindingKey } from '../read-models/read-models.js';
import { ClusterCache } from './cluster-cache.js';
import { bindingRefOf, placementDecidedData, recordOf } from './placement-record.js';
import { PlacementTimers } from './placement-timers.js';

/** The event a decision answers; its time is the decision's time. */
export interface DecisionCause extends Cause {
  readonly time: string;
}

/** Attempts of one decision before a conflicting writer (another replica) makes it fail and come back with backoff. */
const maxAttempts = 5;

/**
 * The scheduler for one binding: reads the binding, the head of its placement subject, the cluster snapshot and the
 * binding's health, lets decidePlacement decide (taint eviction, application failover, failback, scheduling,
 * graceful eviction), appends
 * PlacementDecided when the decision changed, conditional on the head it decided from, and sets the binding's
 * wake-up for a toleration, an application's tolerance, an eviction task or a failback's wait running out.
 */
@Injectable()
export class PlacementSync {
  constructor(
    @Inject(SchedulerReadModel) private readonly readModel: SchedulerReadModel,
    @Inject(ClusterCache) private readonly clusters: ClusterCache,
    @Inject(PlacementTimers) private readonly timers: PlacementTimers,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
    @Inject(SCHEDULER_CONFIG) private readonly config: SchedulerConfig,
    @Inject(SERVICE_LOGGER) private readonly logger: Logger,
  ) {
    timers.onDue((key, at) => this.reconcile(key, this.timerCause(key, at)));
  }

  reconcile(key: BindingKey, cause: DecisionCause): Promise<void> {
    return retryOnConflict(maxAttempts, () => this.reconcileOnce(key, cause));
  }

  /** A wake-up at a deadline: the same id and time on every replica, whatever moment its timer actually fired. */
  private timerCause(key: BindingKey, at: string): DecisionCause {
    const id = deterministicId(schedulerSvcName, 'wake-up', this.subjects.placement(key.namespace, key.name), at);
    return { id, correlationId: id, time: at };
  }

  private async reconcileOnce(key: BindingKey, cause: DecisionCause): Promise<void> {
    const row = await this.readModel.binding(key);
    if (!row || row.state.deleting) return this.timers.set(key, undefined);
    const binding = row.state.binding as AnyResourceBinding;
    const subject = this.subjects.placement(key.namespace, key.name);
    const head = await this.store.readLast(subject);
    // A placement decided for an earlier binding of the same name is not this binding's.
    const previous = head && PlacementDecided.is(head) && head.data.binding.uid === bindingRefOf(binding).uid ? head.data : undefined;
    const [{ snapshot }, health] = await Promise.all([this.clusters.current(), this.readModel.bindingHealth(key)]);
    const decision = decidePlacement({
      binding,
      previous: previous && recordOf(previous),
      clusters: snapshot,
      health,
      now: cause.time,
      failover: this.config.failover,
    });
    this.timers.set(key, decision?.wakeAt);
    if (!decision?.changed) return;
    const headSeq = head?.seq ?? 0;
    const envelope = causedBy(cause, PlacementDecided, {
      subject,
      data: placementDecidedData(binding, row.seq, decision, previous),
      time: cause.time,
      actor: schedulerSvcName,
      discriminator: String(headSeq),
    });
    await this.store.append(subject, envelope, { expectedSeq: headSeq });
    const { clusters, scheduledCondition } = decision.placement;
    const summary = { binding: key, trigger: decision.trigger, clusters, reason: scheduledCondition?.reason };
    if (decision.evicted.length > 0) this.logger.info({ ...summary, evictedFrom: decision.evicted }, 'binding evicted from NoExecute-tainted clusters');
    if (decision.failedApplications.length > 0) this.logger.info({ ...summary, evictedFrom: decision.failedApplications }, 'binding evicted from clusters where its workload failed');
    if (decision.failback && decision.failback !== 'Waiting' && decision.failback !== 'Returning') this.logger.info({ ...summary, failback: decision.failback }, 'failback');
    this.logger.debug(summary, 'placement decided');
  }
}
