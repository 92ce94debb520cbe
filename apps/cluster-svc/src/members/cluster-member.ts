import type { ClusterStatusReport, ReadyObservation } from '@karmada-ts/domain';
import type { MemberClient } from '@karmada-ts/member-access';
import type { ClusterSnapshot } from '../read-models/cluster-read-model.js';

/** The head of a cluster's status subject as this process last saw it (its own append, or a read). */
export interface StatusHead {
  readonly seq: number;
  /** What the head says, when it is about this very Cluster (same uid): the published report. */
  readonly report: ClusterStatusReport | undefined;
}

/** How cluster-svc reaches a member, or why it cannot; `key` names the spec and Secret version it was built from. */
export type MemberConnection =
  | { readonly key: string; readonly client: MemberClient }
  | { readonly key: string; readonly problem: string };

/**
 * What this process keeps about one member cluster it probes: the Cluster as last read, the connection, the damping
 * observation window (in memory only: after a restart it starts again from the published condition) and the cached
 * head of the status subject, so that an unchanged round costs no read. Its operations run one after another
 * (`run`), so a client is never rebuilt under a probe.
 */
export class ClusterMember {
  connection: MemberConnection | undefined;
  observation: ReadyObservation | undefined;
  head: StatusHead | undefined;
  /**
   * What the last decision was made from (see the refresher's decisionInputs), and until when the clock cannot change
   * it: a round with the same inputs before then finds the published report unchanged without building it.
   */
  decided: { readonly inputs: string; readonly until: string | undefined } | undefined;
  /** Set when the cluster is gone from this process: in-flight work must not publish. */
  closed = false;
  private timer: NodeJS.Timeout | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    readonly uid: string | undefined,
    public snapshot: ClusterSnapshot,
  ) {}

  /** Runs `task` after the member's earlier tasks. */
  run(task: () => Promise<void>): Promise<void> {
    const done = this.queue.then(task);
    this.queue = done.catch(() => undefined);
    return done;
  }

  /** Resolves once the tasks queued so far are done. */
  idle(): Promise<void> {
    return this.queue;
  }

  /** Replaces the pending wake-up. */
  wakeUpIn(delayMs: number, task: () => void): void {
    this.cancelWakeUp();
    if (!this.closed) this.timer = setTimeout(task, Math.max(0, delayMs));
  }

  cancelWakeUp(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
