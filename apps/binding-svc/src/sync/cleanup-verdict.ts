import type { BindingRefJson, WorkRenderedData } from '@karmada-ts/contracts';
import type { LastEvent, WorkKey } from '../read-models/read-model-tables.js';
import { sameBindingRef } from './binding-ref.js';
import { cleanupPending, isLive } from './known-work.js';

/** A Work subject a deleting binding may have used, as the stream says now. */
export interface CleanupCandidate {
  readonly key: WorkKey;
  /** The subject's last event. */
  readonly head: LastEvent | undefined;
  /** The last event of the subject's `workstatus` twin. */
  readonly report: LastEvent | undefined;
}

export interface CleanupVerdict {
  /** Nothing the binding rendered is left in any member. */
  readonly clean: boolean;
  /** Live Works of the binding the read model had not seen yet: their deletion is still to be requested. */
  readonly live: readonly CleanupCandidate[];
}

/**
 * Whether a deleting binding's cleanup is really complete, judged from the heads of every Work subject it may have
 * used (its Work name in every cluster) rather than from read models, because BindingCleanedUp lets the template go:
 * each subject must be empty, or hold a deletion request that executor-svc reported cleaned up, or belong to
 * someone else.
 */
export function cleanupVerdict(binding: BindingRefJson, candidates: readonly CleanupCandidate[]): CleanupVerdict {
  const ours = candidates.filter((c) => c.head !== undefined && sameBindingRef((c.head.data as WorkRenderedData).binding, binding));
  const live = ours.filter((c) => isLive(c.head));
  const pending = ours.filter((c) => cleanupPending(c.head, c.report));
  return { clean: live.length === 0 && pending.length === 0, live };
}
