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
 * A set that only grows: each batch inserts the kinds it has not seen, written past the row-version guard (adding to
 * a set is idempotent and order-independent). Guarded upserts would make every batch of the concurrent Works
 * consumer lock the same few rows until it commits, one batch after another.
 */
export const appliedKindsProjection: Projection = {
  name: 'applied-kinds',
  tables: [appliedKindsTable],
  eventTypes: [WorkRendered.type],
  async apply(events, { manager }) {
    const kinds = new Map<string, { cluster: string; api_version: string; kind: string }>();
    for (const event of events) {
      const { cluster, work: rendered } = event.data as WorkRenderedData;
      const work = rendered as Work;
      // A suspended Work is not applied: its kinds are not watched for it.
      if (work.spec.suspendDispatching) continue;
      for (const { apiVersion, kind } of work.spec.workload.manifests) {
        kinds.set(JSON.stringify([cluster, apiVersion, kind]), { cluster, api_version: apiVersion, kind });
      }
    }
    if (kinds.size === 0) return;
    await manager.query(
      `INSERT INTO ${appliedKindsTable} (cluster, api_version, kind)
       SELECT cluster, api_version, kind FROM json_populate_recordset(NULL::${appliedKindsTable}, $1)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify([...kinds.values()])],
    );
  },
};
