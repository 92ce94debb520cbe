import { Inject, Injectable } from '@nestjs/common';
import { causedBy } from '@karmada-ts/contracts';
import { ConcurrencyConflictError, type AppendItem, type EventStore } from '@karmada-ts/eventstore';
import { EVENT_STORE } from '@karmada-ts/service-runtime';
import type { LastEvent } from '../read-models/read-model-tables.js';
import type { SubjectDecision } from './subject-decision.js';

/** Who binding-svc's events say wrote them. */
export const actor = 'binding-svc';

/** Tries of one decision: on what the read model knows, then on the subject's head after each conflict. */
const maxAttempts = 4;
/** Head reads in flight at once. */
const readWindow = 256;

/**
 * Carries out decisions about binding-svc's subjects (ARCHITECTURE.md §2 rule 3). Each decision is first made on the
 * subject's last event as the read model knows it and appended with that event's sequence as the expected one, all
 * appends of a batch pipelined: when the read model is current (the usual case) the server's check confirms it
 * without a read of the stream. When another event got there first the append conflicts, and that decision reads
 * the subject's head, is made again from it and retried; a few conflicts in a row, or any other error, fail the
 * batch (it comes back with backoff). The message id derives from the cause, the subject and the expected sequence,
 * so a retried batch cannot publish twice and a new decision is never mistaken for an old one.
 */
@Injectable()
export class HeadAppender {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** Returns how many events were appended. */
  async apply(decisions: readonly SubjectDecision[]): Promise<number> {
    let appended = 0;
    for (const round of roundsBySubject(decisions)) {
      let pending = round.map((decision) => ({ decision, head: decision.known }));
      for (let attempt = 1; pending.length > 0; attempt++) {
        const items = pending.flatMap(({ decision, head }): { decision: SubjectDecision; item: AppendItem }[] => {
          const next = decision.decide(head);
          if (!next) return [];
          const expectedSeq = head?.seq ?? 0;
          const envelope = causedBy(decision.cause, next.type, {
            subject: decision.subject,
            data: next.data,
            time: decision.cause.time,
            actor,
            discriminator: String(expectedSeq),
          });
          return [{ decision, item: { subject: decision.subject, envelope, expectedSeq } }];
        });
        const outcomes = await this.store.appendBatch(items.map((i) => i.item));
        const conflicted: SubjectDecision[] = [];
        outcomes.forEach((outcome, index) => {
          if (outcome.ok) {
            if (!outcome.duplicate) appended += 1;
          } else if (outcome.error instanceof ConcurrencyConflictError && attempt < maxAttempts) {
            conflicted.push(items[index]!.decision);
          } else {
            throw outcome.error;
          }
        });
        const heads = await this.readHeads(conflicted.map((d) => d.subject));
        pending = conflicted.map((decision, index) => ({ decision, head: heads[index] }));
      }
    }
    return appended;
  }

  /** The last event of each subject, a few hundred reads in flight at a time. */
  async readHeads(subjects: readonly string[]): Promise<(LastEvent | undefined)[]> {
    const heads: (LastEvent | undefined)[] = [];
    for (let i = 0; i < subjects.length; i += readWindow) {
      heads.push(...(await Promise.all(subjects.slice(i, i + readWindow).map((subject) => this.store.readLast(subject)))));
    }
    return heads;
  }
}

/** Splits decisions into rounds in which each subject appears once, so one round's appends never race each other. */
function roundsBySubject(decisions: readonly SubjectDecision[]): SubjectDecision[][] {
  const rounds: SubjectDecision[][] = [];
  const seen = new Map<string, number>();
  for (const decision of decisions) {
    const round = seen.get(decision.subject) ?? 0;
    seen.set(decision.subject, round + 1);
    (rounds[round] ??= []).push(decision);
  }
  return rounds;
}
