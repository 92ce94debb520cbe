import { Inject, Injectable } from '@nestjs/common';
import type { Cluster } from '@karmada-ts/domain';
import type { MemberCredentials } from '@karmada-ts/member-access';
import { LatestStateReader, type StateRow } from '@karmada-ts/projections';
import type { SecretContent, SecretValues } from '@karmada-ts/secrets';
import { BatchLoader, PROJECTION_DATABASE } from '@karmada-ts/service-runtime';
import type { DataSource } from 'typeorm';
import { clusterSecretsTable, secretKind, type SecretState } from '../projections/cluster-secrets.projection.js';
import { SealedSecretValues } from '../secrets/sealed-secret-values.js';
import { CredentialsUnavailableError, MemberCredentialsSource, type MemberCredentialsLookup } from './member-credentials.js';

/** The data keys `karmadactl join` writes into a Cluster's Secret. */
const credentialKeys = ['token', 'caBundle', 'clientCertificate', 'clientKey'] as const;

/** A Secret by namespace and name. */
interface SecretKey {
  readonly namespace: string;
  readonly name: string;
}

/**
 * Member credentials from the Secret a Cluster's spec.secretRef names: the Secrets read model says which stored
 * version of its values is current, and the gateway's encrypted store (libs/secrets) holds them. The look-ups of one
 * moment (a batch's Works on many members) read the Secrets read model together.
 */
@Injectable()
export class SealedSecretCredentials extends MemberCredentialsSource {
  private readonly secrets: LatestStateReader<SecretState>;
  /** Decoded credentials by stored version; a version's values never change. */
  private readonly decoded = new Map<string, MemberCredentials>();
  private readonly loader = new BatchLoader(secretId, (keys) => this.loadMany(keys));

  constructor(
    @Inject(PROJECTION_DATABASE) database: DataSource,
    @Inject(SealedSecretValues) private readonly values: SealedSecretValues,
  ) {
    super();
    this.secrets = new LatestStateReader(database, clusterSecretsTable);
  }

  async lookup(cluster: Cluster): Promise<MemberCredentialsLookup> {
    const ref = cluster.spec.secretRef;
    const name = cluster.metadata.name;
    if (!ref) return { credentials: {}, version: 'none' };
    const secret = await this.loader.load({ namespace: ref.namespace, name: ref.name });
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

  private async loadMany(keys: SecretKey[]): Promise<Map<string, StateRow<SecretState>>> {
    const byNamespace = new Map<string, string[]>();
    for (const { namespace, name } of keys) byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), name]);
    const found = new Map<string, StateRow<SecretState>>();
    for (const [namespace, names] of byNamespace) {
      for (const row of await this.secrets.getMany(secretKind, namespace, names)) found.set(secretId(row), row);
    }
    return found;
  }
}

function secretId(key: SecretKey): string {
  return `${key.namespace}/${key.name}`;
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
