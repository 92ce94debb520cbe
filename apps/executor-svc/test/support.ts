import { WorkCleanedUp, WorkStatusReported, type WorkCleanedUpData, type WorkStatusReportedData } from '@karmada-ts/contracts';
import type { Condition, ManifestStatus } from '@karmada-ts/domain';
import type { StoredEvent } from '@karmada-ts/eventstore';

/** Reading the executor's events in assertions. */

export function condition(event: StoredEvent, type: string): Condition | undefined {
  if (!WorkStatusReported.is(event)) return undefined;
  return ((event.data as WorkStatusReportedData).status['conditions'] as Condition[] | undefined)?.find((c) => c.type === type);
}

export function manifestStatus(event: StoredEvent): ManifestStatus | undefined {
  if (!WorkStatusReported.is(event)) return undefined;
  return ((event.data as WorkStatusReportedData).status['manifestStatuses'] as ManifestStatus[] | undefined)?.[0];
}

/** A report that the Work version at `workSeq` is applied (or, with `status` False, that it failed). */
export function appliedReport(workSeq: number, status: 'True' | 'False' = 'True') {
  return (event: StoredEvent): boolean =>
    WorkStatusReported.is(event) && (event.data as WorkStatusReportedData).observedWorkSeq === workSeq && condition(event, 'Applied')?.status === status;
}

export function cleanedUp(event: StoredEvent): boolean {
  return WorkCleanedUp.is(event);
}

export function preservedFlag(event: StoredEvent): boolean {
  return (event.data as WorkCleanedUpData).preserved;
}
