import { Inject, Injectable } from '@nestjs/common';
import { causedBy } from '@karmada-ts/contracts';
import { ConcurrencyConflictError, type AppendItem, type EventStore } from '@karmada-ts/eventstore';
import { EVENT_STORE } from '@karmada-ts/service-runtime';
import type { LastEvent } from '../read-models/read-model-tables.js';
import type { SubjectDecision } from './subject-decision.js';
import { SubjectMemory } from './subject-memory.js';

/** Who binding-svc's events say wrote them. */
export const actor = 'binding-svc';

/** Tries of one decision: on what the read model knows, then on the subject's head after each conflict. */
const maxAttempts = 4;
/** Head reads in flight at once. */
const readWindow = 256;
/**
 * Subjects whose last appends by this process are remembered: more than a burst of 10,000 templates over 10 clusters
 * touches (a Work subject per template and cluster, two status subjects per template).
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
 * It remembers two sequences per subject:
 * - its last append. A read model whose last event is older trails the stream for certain, and a decision made on it
 *   could find "nothing to change" where the head says otherwise: such decisions are made on the head, read first.
 * - its last settled append: one decided on the read model's own last event, or on a head that is its own last
 *   append, that head being the stream's (the expected sequence guarantees it). BindingSync reconciles a binding in
 *   one reconcile at a time, each on a snapshot taken after the previous one ended, so a settled append rests on
 *   inputs at least as new as those of every decision appended before it: that event coming back through a read
 *   model needs no confirming decision (settled). An append decided on another process's head is not settled: its
 *   inputs may be older than those of the decision that moved the head, so it is confirmed when it comes back.
 * And, when the caller names the reconcile that decides, which reconcile made the last decision on each subject, if
 * that decision was made on the read model's current last event or on this process's own last append (`decidedBy`).
 */
@Injectable()
export class HeadAppender {
  private readonly memory = new SubjectMemory(rememberedSubjects);

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * Whether this process's last settled append to the subject is the event at `seq` or a later one: then that event
   * needs no confirming decision when it reaches a read model. False once forgotten (the decision is then simply made
   * again).
   */
  settled(subject: string, seq: number): boolean {
    return this.memory.settled(subject) >= seq;
  }

  /**
   * The reconcile (as named to `apply`) that made this process's last decision on the subject, appending or finding
   * nothing to change, when that decision rested on the subject's newest event as this process knows it: the read
   * model's last event with nothing of its own since, or the head when that is its own last append. Undefined when
   * the last decision named no reconcile or rested on another process's head, and once forgotten.
   */
  decidedBy(subject: string): number | undefined {
    return this.memory.decidedBy(subject);
  }

  /** Returns how many events were appended. `reconcile` names the reconcile that decides (see decidedBy). */
  async apply(decisions: readonly SubjectDecision[], reconcile?: number): Promise<number> {
    let appended = 0;
    for (const round of roundsBySubject(decisions)) {
      let pending = await this.startingHeads(round);
      for (let attempt = 1; pending.length > 0; attempt++) {
        const items = pending.flatMap(({ decision, head, settles }) => {
          const next = decision.decide(head);
          if (!next) {
            this.decided(decision.subject, settles, reconcile);
            return [];
          }
          const expectedSeq = head?.seq ?? 0;
          const envelope = causedBy(decision.cause, next.type, {
            subject: decision.subject,
            data: next.data,
            time: decision.cause.time,
            actor,
            discriminator: String(expectedSeq),
          });
          const item: AppendItem = { subject: decision.subject, envelope, expectedSeq };
          return [{ decision, item, settles }];
        });
        const outcomes = await this.store.appendBatch(items.map((i) => i.item));
        const conflicted: SubjectDecision[] = [];
        outcomes.forEach((outcome, index) => {
          const { decision, item, settles } = items[index]!;
          if (outcome.ok) {
            if (!outcome.duplicate) appended += 1;
            this.memory.appendedAt(item.subject, outcome.seq, settles);
            this.decided(item.subject, settles, reconcile);
          } else if (outcome.error instanceof ConcurrencyConflictError && attempt < maxAttempts) {
            conflicted.push(decision);
          } else {
            throw outcome.error;
          }
        });
        const heads = await this.readHeads(conflicted.map((d) => d.subject));
        pending = conflicted.map((decision, index) => this.onStreamHead(decision, heads[index]));
      }
    }
    return appended;
  }

  private decided(subject: string, settles: boolean, reconcile: number | undefined): void {
    this.memory.decided(subject, settles ? reconcile : undefined);
  }

  /** What each decision is first made on: the read model's last event, or the head where that one is known to trail. */
  private async startingHeads(round: readonly SubjectDecision[]): Promise<PendingDecision[]> {
    const trailing = round.filter((decision) => this.memory.appended(decision.subject) > (decision.known?.seq ?? 0));
    const heads = await this.readHeads(trailing.map((decision) => decision.subject));
    const headOf = new Map(trailing.map((decision, index) => [decision, heads[index]]));
    return round.map((decision) => (headOf.has(decision) ? this.onStreamHead(decision, headOf.get(decision)) : { decision, head: decision.known, settles: true }));
  }

  /** A decision to make on a head read from the stream: it settles the subject when the head is this process's own. */
  private onStreamHead(decision: SubjectDecision, head: LastEvent | undefined): PendingDecision {
    return { decision, head, settles: head !== undefined && head.seq === this.memory.appended(decision.subject) };
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

/** A decision to make on this head; `settles` when an append decided on it is settled (see HeadAppender). */
interface PendingDecision {
  readonly decision: SubjectDecision;
  readonly head: LastEvent | undefined;
  readonly settles: boolean;
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
