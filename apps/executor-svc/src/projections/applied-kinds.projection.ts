import { WorkRendered, type WorkRenderedData } from '@karmada-ts/contracts';
import type { Work } from '@karmada-ts/domain';
import type { Projection } from '@karmada-ts/projections';

/**
 * The kinds of member object each cluster has been dispatched, one row per (cluster, apiVersion, kind): what
 * MemberWatches keeps an informer on. A kind stays once a Work has used it in the cluster, as its informer does in a
 * running process; reading this small table spares a scan of every Work's JSON each round.
 */
export const appliedKindsTable = 'applied_kinds';

/**
 * A set that only grows: each batch adds the kinds it has not seen, past the row-version guard (adding to a set is
 * idempotent and order-independent). Guarded upserts would make every batch of the concurrent Works consumer lock
 * the same few rows until it commits, one batch after another.
 */
export const appliedKindsProjection: Projection = {
  name: 'applied-kinds',
  tables: [appliedKindsTable],
  eventTypes: [WorkRendered.type],
  apply(events, { writer }) {
    for (const event of events) {
      const { cluster, work: rendered } = event.data as WorkRenderedData;
      const work = rendered as Work;
      // A suspended Work is not applied: its kinds are not watched for it.
      if (work.spec.suspendDispatching) continue;
      for (const { apiVersion, kind } of work.spec.workload.manifests) writer.add(appliedKindsTable, { cluster, api_version: apiVersion, kind });
    }
  },
};
