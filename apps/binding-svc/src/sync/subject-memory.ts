import { BoundedMap } from '@karmada-ts/service-runtime';

/** What HeadAppender remembers of one subject (see there). */
interface Remembered {
  /** This process's last append to the subject (0: none remembered). */
  appended: number;
  /** Its last settled append (0: none remembered). */
  settled: number;
  /** The reconcile that made the last decision on the subject, when that decision was settled. */
  decidedBy: number | undefined;
}

/**
 * HeadAppender's memory of the subjects it decided on, one entry per subject, forgotten least recently written first
 * beyond `limit` subjects (a forgotten one only costs a read of its head or a decision made again). One entry holds
 * all three facts: three maps held each subject's name three times over, as each map kept the string of its own last
 * write (about 46 MiB of heap for 120,000 subjects against 21 MiB in one map, the Work and status subjects of
 * `propagate 10,000 × 10`).
 */
export class SubjectMemory {
  private readonly subjects: BoundedMap<Remembered>;

  constructor(limit: number) {
    this.subjects = new BoundedMap(limit);
  }

  /** This process's last append to the subject, or 0 when none is remembered. */
  appended(subject: string): number {
    return this.subjects.get(subject)?.appended ?? 0;
  }

  /** This process's last settled append to the subject, or 0 when none is remembered. */
  settled(subject: string): number {
    return this.subjects.get(subject)?.settled ?? 0;
  }

  decidedBy(subject: string): number | undefined {
    return this.subjects.get(subject)?.decidedBy;
  }

  /** An append at `seq`, settled or not: remembered unless a later one is. */
  appendedAt(subject: string, seq: number, settled: boolean): void {
    const remembered = this.written(subject);
    remembered.appended = Math.max(remembered.appended, seq);
    if (settled) remembered.settled = Math.max(remembered.settled, seq);
  }

  /** A decision on the subject, appending or not: `reconcile` made it settled, or undefined when it was not. */
  decided(subject: string, reconcile: number | undefined): void {
    if (reconcile !== undefined) this.written(subject).decidedBy = reconcile;
    else {
      const remembered = this.subjects.get(subject);
      if (remembered) remembered.decidedBy = undefined;
    }
  }

  /** The subject's entry, made the most recently written. */
  private written(subject: string): Remembered {
    const remembered = this.subjects.get(subject) ?? { appended: 0, settled: 0, decidedBy: undefined };
    this.subjects.set(subject, remembered);
    return remembered;
  }
}
