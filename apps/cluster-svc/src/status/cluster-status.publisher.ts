import { Inject, Injectable } from '@nestjs/common';
import { causedBy, ClusterStatusCollected, type Subjects } from '@karmada-ts/contracts';
import { sameJson, type ClusterStatus, type ClusterStatusReport, type Taint } from '@karmada-ts/domain';
import { ConcurrencyConflictError, type EventStore } from '@karmada-ts/eventstore';
import { EVENT_STORE, SUBJECTS } from '@karmada-ts/service-runtime';
import { clusterSvcName } from '../durables.js';
import type { ClusterMember, StatusHead } from '../members/cluster-member.js';

/** Appends attempted before a conflicting writer (another replica) makes the round give up until the next one. */
const maxAttempts = 3;

/**
 * Publishes a cluster's status on its own `clusterstatus` subject, only when it changed: `decide` makes the report
 * from the head, and an equal report appends nothing. Appends are conditional on the head's sequence, with a message
 * id derived from the Cluster's spec event and that sequence, so replicas deciding on the same head publish once.
 */
@Injectable()
export class ClusterStatusPublisher {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SUBJECTS) private readonly subjects: Subjects,
  ) {}

  /** The head of the member's status subject, read once and then kept up to date by this process's appends. */
  async head(member: ClusterMember): Promise<StatusHead> {
    member.head ??= await this.readHead(member);
    return member.head;
  }

  /** Publishes what `decide` makes of the head unless it equals it; returns the report now published. */
  async publish(member: ClusterMember, time: string, decide: (published: ClusterStatusReport | undefined) => ClusterStatusReport): Promise<ClusterStatusReport> {
    const subject = this.subjects.clusterStatus(member.name);
    for (let attempt = 1; ; attempt++) {
      const head = await this.head(member);
      const report = decide(head.report);
      if (head.report && sameJson(report, head.report)) return head.report;
      const envelope = causedBy(member.snapshot.row.cause, ClusterStatusCollected, {
        subject,
        time,
        actor: clusterSvcName,
        discriminator: String(head.seq),
        data: {
          name: member.name,
          ...(member.uid ? { uid: member.uid } : {}),
          status: { ...report.status },
          controllerTaints: report.controllerTaints,
        },
      });
      try {
        const appended = await this.store.append(subject, envelope, { expectedSeq: head.seq });
        // A duplicate means another replica appended this very id first, maybe with another report: read it next time.
        member.head = appended.duplicate ? undefined : { seq: appended.seq, report };
        return report;
      } catch (error) {
        member.head = undefined;
        if (!(error instanceof ConcurrencyConflictError) || attempt >= maxAttempts) throw error;
      }
    }
  }

  private async readHead(member: ClusterMember): Promise<StatusHead> {
    const last = await this.store.readLast(this.subjects.clusterStatus(member.name));
    if (!last) return { seq: 0, report: undefined };
    // A status of an earlier Cluster of the same name is not this one's: start from nothing, after its sequence.
    if (!ClusterStatusCollected.is(last) || last.data.uid !== member.uid) return { seq: last.seq, report: undefined };
    return {
      seq: last.seq,
      report: { status: last.data.status as ClusterStatus, controllerTaints: (last.data.controllerTaints ?? []) as Taint[] },
    };
  }
}
