import { Inject, Injectable } from '@nestjs/common';
import {
  causedBy,
  deterministicId,
  DriftCorrected,
  WorkCleanedUp,
  WorkStatusReported,
  type Cause,
  type Envelope,
  type EventType,
  type Subjects,
  type WorkRefJson,
} from '@karmada-ts/contracts';
import { asWorkReport, type Work, type WorkReport } from '@karmada-ts/domain';
import { ConcurrencyConflictError, type EventStore, type StoredEvent } from '@karmada-ts/eventstore';
import { EVENT_STORE, SUBJECTS } from '@karmada-ts/service-runtime';
import { executorActor } from '../durables.js';
import type { WorkKey } from '../projections/works.projection.js';

/** Where a Work's `workstatus` subject stands. */
export interface StatusHead {
  /** The subject's last sequence: the next append expects it (0 while empty). */
  readonly seq: number;
  /** The newest report of the Work's current life: none before the first one, nor after a clean-up. */
  readonly report: WorkReport | undefined;
  /** The sequence of the clean-up, when that is the last thing said about the Work. */
  readonly cleanedUpSeq: number | undefined;
}

/** Re-reads and decisions after conflicting appends before giving up (the batch then comes back). */
const attempts = 4;
/** Heads remembered after the executor's own drift records. */
const rememberedDrifts = 10_000;

/**
 * The executor's own aggregate, one `workstatus` subject per Work: reading where it stands and appending to it
 * conditionally. Every append names the head it was decided on; when another replica appended first, the head is
 * read again and the decision made again.
 */
@Injectable()
export class WorkStatusLog {
  /** The report in force when this process recorded a drift, by subject and the drift record's sequence. */
  private readonly afterDrift = new Map<string, { seq: number; report: WorkReport | undefined }>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
  ) {}

  subject(key: WorkKey): string {
    return this.subjects.workStatus(key.namespace, key.name);
  }

  async head(key: WorkKey): Promise<StatusHead> {
    const subject = this.subject(key);
    const last = await this.store.readLast(subject);
    if (!last) return { seq: 0, report: undefined, cleanedUpSeq: undefined };
    if (WorkCleanedUp.is(last)) return { seq: last.seq, report: undefined, cleanedUpSeq: last.seq };
    if (WorkStatusReported.is(last)) return { seq: last.seq, report: asWorkReport(last.data), cleanedUpSeq: undefined };
    const remembered = this.afterDrift.get(subject);
    if (remembered?.seq === last.seq) return { seq: last.seq, report: remembered.report, cleanedUpSeq: undefined };
    return { seq: last.seq, report: await this.lastReport(subject), cleanedUpSeq: undefined };
  }

  /**
   * Appends what `decide` makes of the head, expecting the subject to still be there; on a conflict reads the head
   * again and decides again. `decide` returns undefined when there is nothing to say. Resolves with the appended
   * event's sequence, or undefined when nothing was appended.
   */
  async append(key: WorkKey, decide: (head: StatusHead) => Envelope | undefined, first?: StatusHead): Promise<number | undefined> {
    let head = first ?? (await this.head(key));
    for (let attempt = 1; ; attempt++) {
      const envelope = decide(head);
      if (!envelope) return undefined;
      try {
        const { seq } = await this.store.append(envelope.subject, envelope, { expectedSeq: head.seq });
        if (DriftCorrected.is(envelope)) this.rememberDrift(envelope.subject, seq, head.report);
        return seq;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || attempt >= attempts) throw error;
        head = await this.head(key);
      }
    }
  }

  /**
   * An envelope on the Work's subject caused by `cause`. Its id also depends on the head it was decided on and on
   * its content: a retried decision appends nothing twice, and a different decision is never taken for a duplicate.
   */
  envelope<Type extends string, Data>(
    cause: Cause,
    type: EventType<Type, Data>,
    key: WorkKey,
    head: StatusHead,
    data: Data,
    time: string,
  ): Envelope<Data, Type> {
    return causedBy(cause, type, {
      subject: this.subject(key),
      data,
      time,
      actor: executorActor,
      discriminator: deterministicId(String(head.seq), JSON.stringify(data)),
    });
  }

  /** A drift record is the head until the next report: remember the report it follows, to spare a replay. */
  private rememberDrift(subject: string, seq: number, report: WorkReport | undefined): void {
    this.afterDrift.delete(subject);
    this.afterDrift.set(subject, { seq, report });
    if (this.afterDrift.size > rememberedDrifts) this.afterDrift.delete(this.afterDrift.keys().next().value!);
  }

  /** The newest report of the Work's current life, from its whole subject (rare: a drift record of another replica). */
  private async lastReport(subject: string): Promise<WorkReport | undefined> {
    let report: WorkReport | undefined;
    for await (const event of this.store.replay(subject)) report = reportAfter(report, event);
    return report;
  }
}

function reportAfter(report: WorkReport | undefined, event: StoredEvent): WorkReport | undefined {
  if (WorkStatusReported.is(event)) return asWorkReport(event.data);
  if (WorkCleanedUp.is(event)) return undefined;
  return report;
}

/** A Work's identity in the executor's events. */
export function workRef(work: Work, cluster: string): WorkRefJson {
  return { namespace: work.metadata.namespace ?? '', name: work.metadata.name ?? '', uid: work.metadata.uid ?? '', cluster };
}
