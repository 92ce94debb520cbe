import type { KubeObjectJson, ResourceKind, SealedSecretData } from '@karmada-ts/contracts';

/** The resources cluster-svc reads from the gateway's `template` subjects. */
export const clusterResource: ResourceKind = { group: 'cluster.karmada.io', resource: 'clusters' };
export const secretResource: ResourceKind = { group: '', resource: 'secrets' };

/** cluster-svc's latest-state tables (its own schema) and the `kind` of their rows. */
export const readModelTables = { clusters: 'clusters', secrets: 'secrets', works: 'works', workCleanups: 'work_cleanups' } as const;
export const readModelKinds = { cluster: 'clusters.cluster.karmada.io', secret: 'secrets', work: 'works.work.karmada.io' } as const;

/** The event a row was last written by: what cluster-svc's own events about the object are caused by. */
export interface RowCause {
  readonly id: string;
  readonly correlationId: string;
  readonly time: string;
}

/** A Cluster as the gateway last wrote it. */
export interface ClusterRow {
  readonly cluster: KubeObjectJson;
  readonly cause: RowCause;
}

/** Where a Secret's values are (never the values). */
export interface SecretRow {
  readonly sealedData?: SealedSecretData;
}

/** A Work (from binding-svc) or the cleanup of one (from executor-svc). */
export interface WorkRow {
  readonly uid?: string;
}
