import { WorkRendered, type WorkRenderedData } from '@karmada-ts/contracts';
import type { Work } from '@karmada-ts/domain';
import type { Projection, TableSpec } from '@karmada-ts/projections';

/**
 * The kinds of member object each cluster has been dispatched, one row per (cluster, apiVersion, kind): what
 * MemberWatches keeps an informer on. A kind stays once a Work has used it in the cluster, as its informer does in a
 * running process; reading this small table spares a scan of every Work's JSON each round.
 */
export const appliedKindsTable: TableSpec = { table: 'applied_kinds', key: ['cluster', 'api_version', 'kind'] };

export const appliedKindsProjection: Projection = {
  name: 'applied-kinds',
  tables: [appliedKindsTable.table],
  eventTypes: [WorkRendered.type],
  apply(events, { writer }) {
    for (const event of events) {
      const { cluster } = event.data as WorkRenderedData;
      const work = (event.data as WorkRenderedData).work as Work;
      // A suspended Work is not applied: its kinds are not watched for it.
      if (work.spec.suspendDispatching) continue;
      for (const manifest of work.spec.workload.manifests) {
        writer.upsert(appliedKindsTable, { cluster, api_version: manifest.apiVersion, kind: manifest.kind }, event.seq);
      }
    }
  },
};
