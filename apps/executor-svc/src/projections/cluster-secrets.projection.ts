import { ResourceCreated, ResourceDeleted, ResourceUpdated, type ResourceWrittenData } from '@karmada-ts/contracts';
import { latestStateProjection } from '@karmada-ts/projections';

export const clusterSecretsTable = 'cluster_secrets';
export const secretKind = 'secret';

/** Where a Secret's values are (never the values: the gateway keeps them encrypted in `<instance>_secrets`). */
export interface SecretState {
  /** The stored version of the values; absent for a Secret without data. */
  readonly ref?: string;
}

/** Secrets (`template` subjects of secrets): member credentials are read through the Cluster's spec.secretRef. */
export const clusterSecretsProjection = latestStateProjection({
  name: 'cluster-secrets',
  table: clusterSecretsTable,
  eventTypes: [ResourceCreated.type, ResourceUpdated.type, ResourceDeleted.type],
  key: (event) => {
    const { metadata } = (event.data as ResourceWrittenData).object;
    return { kind: secretKind, namespace: metadata.namespace ?? '', name: metadata.name ?? '' };
  },
  state: (event): SecretState | null => {
    if (ResourceDeleted.is(event)) return null;
    const sealed = (event.data as ResourceWrittenData).sealedData;
    return sealed ? { ref: sealed.ref } : {};
  },
});
