import { WorkCleanedUp, type WorkCleanedUpData } from '@karmada-ts/contracts';
import { latestStateProjection } from '@karmada-ts/projections';
import { readModelKinds, readModelTables, type WorkRow } from './read-models.js';

/**
 * The last cleanup executor-svc reported for each Work. A table of its own (not a delete in `works`): each
 * consumer's projections must be rebuildable from that consumer's events alone.
 */
export const workCleanupsProjection = latestStateProjection({
  name: 'work-cleanups',
  table: readModelTables.workCleanups,
  upsertOnly: true,
  eventTypes: [WorkCleanedUp.type],
  key: (event) => {
    const { namespace, name } = (event.data as WorkCleanedUpData).work;
    return { kind: readModelKinds.work, namespace, name };
  },
  state: (event): WorkRow => ({ uid: (event.data as WorkCleanedUpData).work.uid }),
});
