import { Inject, Injectable } from '@nestjs/common';
import type { Cluster } from '@karmada-ts/domain';
import type { MemberCredentials } from '@karmada-ts/member-access';
import { LatestStateReader } from '@karmada-ts/projections';
import type { SecretContent, SecretValues } from '@karmada-ts/secrets';
import { BatchedStateReads, PROJECTION_DATABASE } from '@karmada-ts/service-runtime';
import type { DataSource } from 'typeorm';
import { clusterSecretsTable, secretKind, type SecretState } from '../projections/cluster-secrets.projection.js';
import { SealedSecretValues } from '../secrets/sealed-secret-values.js';
import { CredentialsUnavailableError, MemberCredentialsSource, type MemberCredentialsLookup } from './member-credentials.js';

/** The data keys `karmadactl join` writes into a Cluster's Secret. */
const credentialKeys = ['token', 'caBundle', 'clientCertificate', 'clientKey'] as const;

/**
 * Member credentials from the Secret a Cluster's spec.secretRef names: the Secrets read model says which stored
 * version of its values is current, and the gateway's encrypted store (libs/secrets) holds them. The look-ups of one
 * moment (a batch's Works on many members) read the Secrets read model together.
 */
@Injectable()
export class SealedSecretCredentials extends MemberCredentialsSource {
  private readonly secrets: BatchedStateReads<SecretState>;
  /** Decoded credentials by stored version; a version's values never change. */
  private readonly decoded = new Map<string, MemberCredentials>();

  constructor(
    @Inject(PROJECTION_DATABASE) database: DataSource,
    @Inject(SealedSecretValues) private readonly values: SealedSecretValues,
  ) {
    super();
    this.secrets = new BatchedStateReads(new LatestStateReader(database, clusterSecretsTable));
  }

  async lookup(cluster: Cluster): Promise<MemberCredentialsLookup> {
    const ref = cluster.spec.secretRef;
    const name = cluster.metadata.name;
    if (!ref) return { credentials: {}, version: 'none' };
    const secret = await this.secrets.get({ kind: secretKind, namespace: ref.namespace, name: ref.name });
    if (!secret) throw new CredentialsUnavailableError(`the secret ${ref.namespace}/${ref.name} of cluster ${name} does not exist`);
    if (!secret.state.ref) return { credentials: {}, version: `${secret.seq}` };
    const version = `${ref.namespace}/${ref.name}/${secret.state.ref}`;
    const known = this.decoded.get(version);
    if (known) return { credentials: known, version };
    let content: SecretContent | undefined;
    try {
      content = await this.values.read({ namespace: ref.namespace, name: ref.name, ref: secret.state.ref });
    } catch (error) {
      throw new CredentialsUnavailableError(`the secret ${ref.namespace}/${ref.name} of cluster ${name}: ${(error as Error).message}`);
    }
    if (!content) throw new CredentialsUnavailableError(`the values of secret ${ref.namespace}/${ref.name} of cluster ${name} are not stored`);
    const credentials = decodeCredentials(content.data);
    this.decoded.set(version, credentials);
    return { credentials, version };
  }
}

/** Secret data is base64, as the API serves it. */
function decodeCredentials(values: SecretValues): MemberCredentials {
  const credentials: MemberCredentials = {};
  for (const key of credentialKeys) {
    const value = values[key];
    if (value) credentials[key] = Buffer.from(value, 'base64').toString('utf8');
  }
  return credentials;
}
