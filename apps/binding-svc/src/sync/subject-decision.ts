import type { Envelope, EventType } from '@karmada-ts/contracts';
import type { LastEvent } from '../read-models/read-model-tables.js';

/** An event binding-svc decided to append: its type and data (the envelope comes from the cause). */
export interface Decided<Data = unknown> {
  readonly type: EventType<string, Data>;
  readonly data: Data;
}

export function decided<Data>(type: EventType<string, Data>, data: Data): Decided {
  return { type, data } as Decided;
}

/**
 * What binding-svc wants one of its subjects to say, as a function of the subject's last event: the event to append,
 * or undefined when the subject already says it. `known` is the last event according to the read model; the decision
 * is tried on it first, and the stream's head is read only when that says something changes or when `known` is older
 * than what this process last appended to the subject (HeadAppender). The read model may also trail events that
 * another process appended (a replica, or this service before a restart); those come back through the read model
 * and trigger a new decision, so a stale `known` can delay a change but not lose it.
 */
export interface SubjectDecision {
  readonly subject: string;
  /** The event the decision answers: the appended event's causation, correlation and time come from it. */
  readonly cause: Envelope;
  readonly known: LastEvent | undefined;
  decide(head: LastEvent | undefined): Decided | undefined;
}
