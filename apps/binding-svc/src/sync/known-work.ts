import {
  WorkCleanedUp,
  WorkDeletionRequested,
  WorkRendered,
  WorkStatusReported,
  type WorkCleanedUpData,
  type WorkRenderedData,
  type WorkStatusReportedData,
} from '@karmada-ts/contracts';
import type { Work } from '@karmada-ts/domain';
import type { WorkRow } from '../read-models/read-model.reader.js';
import { keyString, ownerKeyString, type LastEvent, type WorkKey, type WorkOwner } from '../read-models/read-model-tables.js';

/** What the read models know about one Work subject: its last event, its owner, and executor-svc's last report. */
export interface KnownWork {
  readonly key: WorkKey;
  readonly owner: WorkOwner | undefined;
  /** WorkRendered or WorkDeletionRequested. */
  readonly last: LastEvent;
  readonly report: LastEvent | undefined;
}

/** The Work a Work event carries (the event data's object is a Work rendered by binding-svc). */
export function workIn(event: LastEvent): Work {
  return (event.data as WorkRenderedData).work as unknown as Work;
}

/** Whether the subject's last event rendered a Work (rather than requested its deletion). */
export function isLive(event: LastEvent | undefined): boolean {
  return event?.type === WorkRendered.type;
}

export function isDeletionRequested(event: LastEvent | undefined): boolean {
  return event?.type === WorkDeletionRequested.type;
}

/** Whether executor-svc reported the Work with this uid cleaned up in its member. */
export function cleanedUp(report: LastEvent | undefined, uid: string | undefined): boolean {
  return report?.type === WorkCleanedUp.type && (report.data as WorkCleanedUpData).work.uid === uid;
}

/** Whether the subject's last event requested a Work's deletion that executor-svc has not yet reported cleaned up. */
export function cleanupPending(event: LastEvent | undefined, report: LastEvent | undefined): boolean {
  return isDeletionRequested(event) && !cleanedUp(report, workIn(event!).metadata.uid);
}

/** The report, if it is a status executor-svc reported on the Work with this uid. */
export function statusReportedOn(report: LastEvent | undefined, uid: string | undefined): WorkStatusReportedData | undefined {
  if (report?.type !== WorkStatusReported.type) return undefined;
  const data = report.data as WorkStatusReportedData;
  return data.work.uid === uid ? data : undefined;
}

/** A live Work with the status executor-svc last reported for it (none while it has not reported on this Work). */
export function workWithStatus(known: KnownWork): Work | undefined {
  if (!isLive(known.last)) return undefined;
  const work = workIn(known.last);
  const reported = statusReportedOn(known.report, work.metadata.uid);
  return reported ? { ...work, status: reported.status as Work['status'] } : work;
}

export function sameOwner(a: WorkOwner | undefined, b: WorkOwner): boolean {
  return a !== undefined && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;
}

/** Known Works by subject and by owner, so each reconcile picks its own out of a batch's rows. */
export interface KnownWorks {
  /** The Works of this owner and those on these subjects, by keyString of their subject. */
  select(ownerKey: string, subjects: readonly WorkKey[]): Map<string, KnownWork>;
}

export function indexKnownWorks(rows: readonly WorkRow[], reports: ReadonlyMap<string, LastEvent>): KnownWorks {
  const bySubject = new Map<string, KnownWork>();
  const byOwner = new Map<string, KnownWork[]>();
  for (const row of rows) {
    const subject = keyString(row);
    if (bySubject.has(subject)) continue;
    const known: KnownWork = { key: { namespace: row.namespace, name: row.name }, owner: row.owner, last: row.last, report: reports.get(subject) };
    bySubject.set(subject, known);
    if (!row.owner) continue;
    const ownerKey = ownerKeyString(row.owner);
    const list = byOwner.get(ownerKey) ?? [];
    list.push(known);
    byOwner.set(ownerKey, list);
  }
  return {
    select(ownerKey, subjects) {
      const selected = new Map((byOwner.get(ownerKey) ?? []).map((w) => [keyString(w.key), w]));
      for (const subject of subjects) {
        const known = bySubject.get(keyString(subject));
        if (known) selected.set(keyString(subject), known);
      }
      return selected;
    },
  };
}
