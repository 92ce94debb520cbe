import { assertNever } from '@karmada-ts/kube';

/**
 * The decision behind every template write, as a pure function of the aggregate's current state: which event to
 * append and at which sequence, or why not (ARCHITECTURE.md §2 rule 3).
 */

/** What a request wants to do to one object. */
export type WriteIntent =
  | { readonly op: 'create' }
  | { readonly op: 'update' | 'delete'; readonly expectedResourceVersion?: string | undefined };

/** The object's aggregate as read from the stream head. */
export interface TemplateState {
  /** The last sequence of the object's template subject (0 when it was never written). */
  readonly seq: number;
  /** Whether the object exists (written, and its last event is not a deletion). */
  readonly exists: boolean;
  /** The resourceVersion the object is served with: the newest sequence among its parts. */
  readonly resourceVersion: string;
}

export type WriteEventType = 'ResourceCreated' | 'ResourceUpdated' | 'ResourceDeleted';

export type WriteDecision =
  | { readonly ok: true; readonly event: WriteEventType; readonly expectedSeq: number }
  | { readonly ok: false; readonly reason: 'AlreadyExists' | 'NotFound' | 'Conflict' };

export function decideWrite(intent: WriteIntent, state: TemplateState): WriteDecision {
  switch (intent.op) {
    case 'create':
      return state.exists ? { ok: false, reason: 'AlreadyExists' } : { ok: true, event: 'ResourceCreated', expectedSeq: state.seq };
    case 'update':
    case 'delete': {
      if (!state.exists) return { ok: false, reason: 'NotFound' };
      const expected = intent.expectedResourceVersion;
      if (expected !== undefined && expected !== state.resourceVersion) return { ok: false, reason: 'Conflict' };
      return { ok: true, event: intent.op === 'update' ? 'ResourceUpdated' : 'ResourceDeleted', expectedSeq: state.seq };
    }
    default:
      return assertNever(intent, 'write intent');
  }
}
