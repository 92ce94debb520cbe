import type { LoggedEvent } from './stage-timeline.js';

/**
 * Counts the run's events by type: every event after a sequence set once the run's own events start (a policy and
 * the members' joins come before), placed by sequence so that the count stops at the run's last event.
 */
export class EventTypeCounter {
  private readonly types: string[] = [];
  private after = Number.POSITIVE_INFINITY;

  /** Counts the events after `seq` from now on. */
  startAfter(seq: number): void {
    this.after = seq;
  }

  add(event: LoggedEvent): void {
    if (event.seq > this.after) this.types[event.seq - this.after - 1] = event.envelope.type;
  }

  /**
   * How many of each type among the first `events` after the start, the most frequent first (a run given up on may
   * have events the reader has not seen yet).
   */
  counts(events: number): Record<string, number> {
    const counts = new Map<string, number>();
    for (const type of this.types.slice(0, events)) if (type !== undefined) counts.set(type, (counts.get(type) ?? 0) + 1);
    return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
  }
}
