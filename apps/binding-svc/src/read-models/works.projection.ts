import { WorkDeletionRequested, WorkRendered, type KubeObjectJson, type WorkDeletionRequestedData, type WorkRenderedData } from '@karmada-ts/contracts';
import type { Projection, TableSpec } from '@karmada-ts/projections';
import { tables, type EventState } from './read-model-tables.js';
import { workOwnerOf } from './work-owner.js';

const table: TableSpec = { table: tables.works, key: ['namespace', 'name'], upsertOnly: true };

/** The column with the state status aggregation reads (WorkStatusState1767300000000). */
export const workStatusState = 'status_state';

/**
 * `works`: the last event of each of binding-svc's Work subjects, indexed by the Work's owner, and the same event with
 * each manifest of its Work reduced to its identity (workStatusState).
 */
export const worksProjection: Projection = {
  name: 'works',
  tables: [tables.works],
  eventTypes: [WorkRendered.type, WorkDeletionRequested.type],
  apply(events, { writer }) {
    for (const event of events) {
      if (!WorkRendered.is(event) && !WorkDeletionRequested.is(event)) continue;
      const data: WorkRenderedData | WorkDeletionRequestedData = event.data;
      const owner = workOwnerOf(data);
      const state: EventState & Record<string, unknown> = { type: event.type, data };
      writer.upsert(
        table,
        {
          namespace: data.work.metadata.namespace ?? '',
          name: data.work.metadata.name ?? '',
          owner_kind: owner?.kind ?? '',
          owner_namespace: owner?.namespace ?? '',
          owner_name: owner?.name ?? '',
          state,
          [workStatusState]: { type: event.type, data: { ...data, work: withManifestIdentities(data.work) } },
        },
        event.seq,
      );
    }
  },
};

/**
 * The Work with each manifest reduced to what names it (apiVersion, kind, metadata.name and namespace): what status
 * aggregation reads of manifests (manifestIndex).
 */
function withManifestIdentities(work: KubeObjectJson): KubeObjectJson {
  const spec = work['spec'] as { workload?: { manifests?: KubeObjectJson[] } } | undefined;
  const manifests = spec?.workload?.manifests;
  if (!spec || !Array.isArray(manifests)) return work;
  const identities = manifests.map((m) => {
    const { name, namespace } = m.metadata ?? {};
    return { apiVersion: m.apiVersion, kind: m.kind, metadata: { ...(name === undefined ? {} : { name }), ...(namespace === undefined ? {} : { namespace }) } };
  });
  return { ...work, spec: { ...spec, workload: { ...spec.workload, manifests: identities } } };
}
