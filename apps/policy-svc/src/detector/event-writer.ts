import { Inject, Injectable } from '@nestjs/common';
import { causedBy, type Cause, type EventType, type Subjects } from '@karmada-ts/contracts';
import type { EventStore } from '@karmada-ts/eventstore';
import { EVENT_STORE, SUBJECTS } from '@karmada-ts/service-runtime';
import { policySvcName } from '../durables.js';

/** The event a decision answers: its id and correlation id make the new event's ids, its time the new event's time. */
export interface ReconcileCause extends Cause {
  readonly time: string;
}

/** Attempts of one reconcile before a conflicting writer (another replica) makes it fail and come back with backoff. */
export const reconcileAttempts = 5;

/**
 * Appends policy-svc's events to its own subjects, each conditional on the head the decision was made from. The
 * message id comes from the cause, the subject, the type and that head's sequence: a retried reconcile deciding on
 * the same head publishes once, and a decision on a newer head is never mistaken for a duplicate.
 */
@Injectable()
export class EventWriter {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SUBJECTS) readonly subjects: Subjects,
  ) {}

  /** Appends after `headSeq` (0: the subject must be empty) and returns the new head's sequence. */
  async append<Type extends string, Data>(type: EventType<Type, Data>, subject: string, headSeq: number, data: Data, cause: ReconcileCause): Promise<number> {
    const envelope = causedBy(cause, type, { subject, data, time: cause.time, actor: policySvcName, discriminator: String(headSeq) });
    return (await this.store.append(subject, envelope, { expectedSeq: headSeq })).seq;
  }
}
