import type { ResourceKind } from '@karmada-ts/contracts';

/** The template resources executor-svc reads: Cluster objects and the Secrets their secretRef names. */
export const clusterResource: ResourceKind = { group: 'cluster.karmada.io', resource: 'clusters' };
export const secretResource: ResourceKind = { group: '', resource: 'secrets' };
