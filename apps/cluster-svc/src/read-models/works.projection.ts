import { WorkDeletionRequested, WorkRendered, type WorkRenderedData } from '@karmada-ts/contracts';
import { latestStateProjection } from '@karmada-ts/projections';
import { readModelKinds, readModelTables, type WorkRow } from './read-models.js';

/**
 * Every Work binding-svc has rendered, by execution namespace: a Work stays here, deleting or not, and counts as
 * live until a cleanup newer than it is recorded in work_cleanups.
 */
export const worksProjection = latestStateProjection({
  name: 'works',
  table: readModelTables.works,
  upsertOnly: true,
  eventTypes: [WorkRendered.type, WorkDeletionRequested.type],
  key: (event) => {
    const { namespace, name } = (event.data as Pick<WorkRenderedData, 'work'>).work.metadata;
    return namespace && name ? { kind: readModelKinds.work, namespace, name } : undefined;
  },
  state: (event): WorkRow => {
    const uid = (event.data as Pick<WorkRenderedData, 'work'>).work.metadata.uid;
    return uid ? { uid } : {};
  },
});
