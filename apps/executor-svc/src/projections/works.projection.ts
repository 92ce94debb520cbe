import { WorkDeletionRequested, WorkRendered, type WorkRenderedData } from '@karmada-ts/contracts';
import type { SealedManifest, Work } from '@karmada-ts/domain';
import { latestStateProjection } from '@karmada-ts/projections';

export const worksTable = 'works';
const kind = 'work';

/** A Work by its execution namespace (`karmada-es-<cluster>`) and name. */
export interface WorkKey {
  readonly namespace: string;
  readonly name: string;
}

/** The event that last changed a Work: what the executor's events about it name as their cause. */
export interface WorkCause {
  readonly id: string;
  readonly correlationId: string;
  readonly time: string;
}

/** The newest state of a Work, as binding-svc last wrote it. */
export interface WorkState {
  readonly work: Work;
  readonly cluster: string;
  /** WorkDeletionRequested: what was applied must go from the member. */
  readonly deleting: boolean;
  /** Manifests whose Secret values are filled in from the encrypted store before they are applied. */
  readonly sealedManifests?: readonly SealedManifest[];
  readonly cause: WorkCause;
}

export function workKeyId(key: WorkKey): string {
  return `${key.namespace}/${key.name}`;
}

export function workStateKey(key: WorkKey) {
  return { kind, namespace: key.namespace, name: key.name };
}

/** Works (the `work` aggregate): rendered, or waiting for their member objects to be removed. */
export const worksProjection = latestStateProjection({
  name: 'works',
  table: worksTable,
  upsertOnly: true,
  eventTypes: [WorkRendered.type, WorkDeletionRequested.type],
  key: (event) => {
    const { metadata } = (event.data as WorkRenderedData).work;
    return workStateKey({ namespace: metadata.namespace ?? '', name: metadata.name ?? '' });
  },
  state: (event): WorkState => {
    const data = event.data as WorkRenderedData;
    return {
      work: data.work as Work,
      cluster: data.cluster,
      deleting: WorkDeletionRequested.is(event),
      ...(data.sealedManifests?.length ? { sealedManifests: data.sealedManifests } : {}),
      cause: { id: event.id, correlationId: event.correlationId, time: event.time },
    };
  },
});
