import { WorkCleanedUp, WorkStatusReported, type WorkCleanedUpData, type WorkStatusReportedData } from '@karmada-ts/contracts';
import { latestStateProjection } from '@karmada-ts/projections';

export const workReportsTable = 'work_reports';
const kind = 'workstatus';

/** What the executor last said about a Work: the Work version its report answers, or that it cleaned up after it. */
export type WorkReportState = { readonly observedWorkSeq: number } | { readonly cleanedUp: true };

/**
 * The executor's own reports (the `workstatus` aggregate), so that it can tell which Works still wait for it (see
 * WorkStore.pendingOf) without reading every subject. Drift records do not change what is pending.
 */
export const workReportsProjection = latestStateProjection({
  name: 'work-reports',
  table: workReportsTable,
  upsertOnly: true,
  eventTypes: [WorkStatusReported.type, WorkCleanedUp.type],
  key: (event) => {
    const { work } = event.data as WorkStatusReportedData | WorkCleanedUpData;
    return { kind, namespace: work.namespace, name: work.name };
  },
  state: (event): WorkReportState =>
    WorkStatusReported.is(event) ? { observedWorkSeq: event.data.observedWorkSeq } : { cleanedUp: true },
});
