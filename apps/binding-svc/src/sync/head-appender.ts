import { Inject, Injectable } from '@nestjs/common';
import { causedBy } from '@karmada-ts/contracts';
import { ConcurrencyConflictError, type AppendItem, type EventStore } from '@karmada-ts/eventstore';
import { BoundedMap, EVENT_STORE } from '@karmada-ts/service-runtime';
import type { LastEvent } from '../read-models/read-model-tables.js';
import type { SubjectDecision } from './subject-decision.js';

/** Who binding-svc's events say wrote them. */
export const actor = 'binding-svc';

/** Tries of one decision: on what the read model knows, then on the subject's head after each conflict. */
const maxAttempts = 4;
/** Head reads in flight at once. */
const readWindow = 256;
/**
 * Subjects whose last append by this process is remembered (a number each): more than a burst of 10,000 templates
 * over 10 clusters touches (a Work subject per template and cluster, two status subjects per template).
 */
const rememberedSubjects = 250_000;

/**
 * Carries out decisions about binding-svc's subjects (ARCHITECTURE.md §2 rule 3). Each decision is first made on the
 * subject's last event as the read model knows it and appended with that event's sequence as the expected one, all
 * appends of a batch pipelined: when the read model is current (the usual case) the server's check confirms it
 * without a read of the stream. When another event got there first the append conflicts, and that decision reads
 * the subject's head, is made again from it and retried; a few conflicts in a row, or any other error, fail the
 * batch (it comes back with backoff). The message id derives from the cause, the subject and the expected sequence,
 * so a retried batch cannot publish twice and a new decision is never mistaken for an old one.
 *
 * It remembers the sequence of its last append to each subject. A read model whose last event is older than that
 * trails the stream for certain, and a decision made on it could find "nothing to change" where the head says
 * otherwise: such decisions are made on the head, read first. Every event it appended was decided on the head it
 * was appended after (the expected sequence guarantees it), so its coming back through a read model needs no
 * confirming decision (appendedSince).
 */
@Injectable()
export class HeadAppender {
  private readonly lastAppended = new BoundedMap<number>(rememberedSubjects);

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * Whether this process appended the subject's event at `seq`, or a later one, itself: an event it need not decide
   * again when the event reaches a read model. False once forgotten (the decision is then simply made again).
   */
  appendedSince(subject: string, seq: number): boolean {
    return (this.lastAppended.get(subject) ?? 0) >= seq;
  }

  /** Returns how many events were appended. */
  async apply(decisions: readonly SubjectDecision[]): Promise<number> {
    let appended = 0;
    for (const round of roundsBySubject(decisions)) {
      let pending = await this.startingHeads(round);
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
            this.remember(items[index]!.item.subject, outcome.seq);
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

  /** What each decision is first made on: the read model's last event, or the head where that one is known to trail. */
  private async startingHeads(round: readonly SubjectDecision[]): Promise<{ decision: SubjectDecision; head: LastEvent | undefined }[]> {
    const trailing = round.filter((decision) => this.appendedSince(decision.subject, (decision.known?.seq ?? 0) + 1));
    const heads = await this.readHeads(trailing.map((decision) => decision.subject));
    const headOf = new Map(trailing.map((decision, index) => [decision, heads[index]]));
    return round.map((decision) => ({ decision, head: headOf.has(decision) ? headOf.get(decision) : decision.known }));
  }

  private remember(subject: string, seq: number): void {
    if (!this.appendedSince(subject, seq)) this.lastAppended.set(subject, seq);
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
