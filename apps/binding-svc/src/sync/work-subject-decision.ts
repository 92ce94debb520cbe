import { deterministicId, type Envelope, type Subjects } from '@karmada-ts/contracts';
import type { LastEvent } from '../read-models/read-model-tables.js';
import type { SubjectDecision } from './subject-decision.js';
import { decideWork, type WorkDecisionContext, type WorkIntent } from './work-decisions.js';

/**
 * The context of Work decisions caused by `cause` on `subject`: a new incarnation's uid and permanent id derive from
 * the subject and the sequence it is at (unique per incarnation, the same on every retry), its creation time and a
 * deletion's time are the cause's.
 */
export function workDecisionContext(subject: string, cause: Envelope): WorkDecisionContext {
  return {
    now: cause.time,
    newIdentity: (headSeq) => ({
      uid: deterministicId(subject, 'uid', String(headSeq)),
      permanentId: deterministicId(subject, 'permanent-id', String(headSeq)),
      creationTimestamp: cause.time,
    }),
  };
}

/** The decision about one Work subject that an intent asks for; `known` is the subject's last event as far as known. */
export function workSubjectDecision(subjects: Subjects, intent: WorkIntent, cause: Envelope, known: LastEvent | undefined): SubjectDecision {
  const subject = subjects.work(intent.key.namespace, intent.key.name);
  const context = workDecisionContext(subject, cause);
  return { subject, cause, known, decide: (head) => decideWork(intent, head, context) };
}
