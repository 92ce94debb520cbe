import { Inject, Injectable } from '@nestjs/common';
import {
  causedBy,
  jsonDigest,
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
import { BoundedMap, EVENT_STORE, SUBJECTS } from '@karmada-ts/service-runtime';
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
/**
 * Heads this process appended or read, remembered so that the next decision on the same Work (its status report
 * after its apply, a drift record's successor) needs no read of the stream. About a kilobyte each (RememberedHead).
 */
const rememberedHeads = 10_000;

/**
 * A remembered head with its report as JSON: a Deployment's report, conditions and reflected status included, takes
 * about 2.3 KB of heap as objects and a third of that as one string. Parsing it again when a decision needs it costs
 * far less than the read of the stream it spares.
 */
interface RememberedHead {
  readonly seq: number;
  /** The report's JSON, or that of the WorkStatusReported data that carried it (asWorkReport picks the report). */
  readonly report: string | undefined;
  readonly cleanedUpSeq: number | undefined;
}

/** The head of a subject that has no event yet. */
export const emptyHead: StatusHead = { seq: 0, report: undefined, cleanedUpSeq: undefined };

/**
 * The executor's own aggregate, one `workstatus` subject per Work: reading where it stands and appending to it
 * conditionally. Every append names the head it was decided on; when another replica appended first, the head is
 * read again and the decision made again. The heads of recent appends and reads are remembered: a remembered head
 * that another replica has since moved only costs that conflict and a read.
 */
@Injectable()
export class WorkStatusLog {
  private readonly recent = new BoundedMap<RememberedHead>(rememberedHeads);
  /**
   * The JSON of each envelope's data, made once for its id's digest and used again for the message and the remembered
   * head: a report is about 1.4 KB of JSON, and was encoded three times.
   */
  private readonly dataJson = new WeakMap<Envelope, string>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
  ) {}

  subject(key: WorkKey): string {
    return this.subjects.workStatus(key.namespace, key.name);
  }

  /** Where the subject stands as last seen here, else as the stream says. */
  async head(key: WorkKey): Promise<StatusHead> {
    return this.remembered(key) ?? this.readHead(key);
  }

  /** The head as last seen here, if it is remembered. */
  remembered(key: WorkKey): StatusHead | undefined {
    const head = this.recent.get(this.subject(key));
    if (!head) return undefined;
    const { seq, report, cleanedUpSeq } = head;
    return { seq, report: report === undefined ? undefined : asWorkReport(JSON.parse(report)), cleanedUpSeq };
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
      const dataJson = this.dataJson.get(envelope);
      try {
        const { seq } = await this.store.append(envelope.subject, envelope, { expectedSeq: head.seq, dataJson });
        this.remember(envelope.subject, headAfter(head, envelope, seq), WorkStatusReported.is(envelope) ? dataJson : undefined);
        return seq;
      } catch (error) {
        if (!(error instanceof ConcurrencyConflictError) || attempt >= attempts) throw error;
        head = await this.readHead(key);
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
    const dataJson = JSON.stringify(data);
    const envelope = causedBy(cause, type, {
      subject: this.subject(key),
      data,
      time,
      actor: executorActor,
      discriminator: `${head.seq}/${jsonDigest(dataJson)}`,
    });
    this.dataJson.set(envelope, dataJson);
    return envelope;
  }

  /** The subject's head as the stream says, remembered. */
  private async readHead(key: WorkKey): Promise<StatusHead> {
    const subject = this.subject(key);
    const last = await this.store.readLast(subject);
    const head: StatusHead = !last
      ? emptyHead
      : WorkCleanedUp.is(last)
        ? { seq: last.seq, report: undefined, cleanedUpSeq: last.seq }
        : WorkStatusReported.is(last)
          ? { seq: last.seq, report: asWorkReport(last.data), cleanedUpSeq: undefined }
          : // A drift record of another replica: the report in force is the last one before it.
            { seq: last.seq, report: await this.lastReport(subject), cleanedUpSeq: undefined };
    this.remember(subject, head);
    return head;
  }

  /** Remembers a head; `reportJson` is its report's JSON when the caller has it (see RememberedHead). */
  private remember(subject: string, { seq, report, cleanedUpSeq }: StatusHead, reportJson?: string): void {
    this.recent.set(subject, { seq, report: report === undefined ? undefined : (reportJson ?? JSON.stringify(report)), cleanedUpSeq });
  }

  /** The newest report of the Work's current life, from its whole subject. */
  private async lastReport(subject: string): Promise<WorkReport | undefined> {
    let report: WorkReport | undefined;
    for await (const event of this.store.replay(subject)) report = reportAfter(report, event);
    return report;
  }
}

/** The head once `envelope` was appended at `seq` onto `head`: a drift record leaves the report in force. */
function headAfter(head: StatusHead, envelope: Envelope, seq: number): StatusHead {
  if (WorkCleanedUp.is(envelope)) return { seq, report: undefined, cleanedUpSeq: seq };
  if (WorkStatusReported.is(envelope)) return { seq, report: asWorkReport(envelope.data), cleanedUpSeq: undefined };
  return { seq, report: head.report, cleanedUpSeq: undefined };
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
