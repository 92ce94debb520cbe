import type { Work } from '@karmada-ts/domain';
import { keyString, ownerKeyString, type WorkOwner } from '../read-models/read-model-tables.js';
import { cleanupPending, isLive, workWithStatus, type KnownWork } from './known-work.js';
import type { WorkIdentity, WorkIntent } from './work-decisions.js';

/** What a Work rendered for the first time stands in with until its event is appended (status items ignore it). */
const notYetAppended: WorkIdentity = { uid: '', permanentId: '', creationTimestamp: '' };

/**
 * The Works a binding's status is aggregated from in the sync that decides them, as Karmada's status controller sees
 * the Works its binding controller has just written: the owner's live Works with executor-svc's reports, less those
 * this sync asks to delete, plus those it renders for the first time (no status yet: applied Unknown). Otherwise
 * the status said "no Work" first, and said "not applied yet" only once the new Works came back through the read
 * model: two events where Karmada writes one. A Work that must wait for its predecessor's clean-up is not counted.
 */
export function worksForStatus(known: ReadonlyMap<string, KnownWork>, owner: WorkOwner, intents: readonly WorkIntent[]): Work[] {
  const ownerKey = ownerKeyString(owner);
  const deleting = new Set(intents.flatMap((intent) => (intent.kind === 'delete' ? [keyString(intent.key)] : [])));
  const works = [...known.values()]
    .filter((w) => w.owner !== undefined && ownerKeyString(w.owner) === ownerKey && !deleting.has(keyString(w.key)))
    .map(workWithStatus)
    .filter((w): w is Work => w !== undefined);
  for (const intent of intents) {
    if (intent.kind !== 'render') continue;
    const last = known.get(keyString(intent.key));
    if (last && isLive(last.last)) continue;
    if (last && cleanupPending(last.last, last.report)) continue;
    works.push(intent.render(notYetAppended));
  }
  return works;
}
