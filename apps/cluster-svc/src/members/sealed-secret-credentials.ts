import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { LocalSecretReference } from '@karmada-ts/domain';
import { loadSecretKey, SecretCipher, SecretValueReader } from '@karmada-ts/secrets';
import { RUNTIME_CONFIG, type RuntimeConfig } from '@karmada-ts/service-runtime';
import { ClusterReadModel } from '../read-models/cluster-read-model.js';
import { credentialsFromSecretData, type CredentialsLookup, type MemberCredentialsSource } from './member-credentials.js';

/**
 * Member credentials as the gateway keeps them: the secrets read model says which sealed version of the Secret is
 * current, libs/secrets decrypts it from `<instance>_secrets`. The secret key and the connection pool are opened on
 * first use, so cluster-svc can start before the gateway has created the key.
 */
@Injectable()
export class SealedSecretCredentials implements MemberCredentialsSource, OnApplicationShutdown {
  private reader: SecretValueReader | undefined;

  constructor(
    @Inject(RUNTIME_CONFIG) private readonly runtime: RuntimeConfig,
    @Inject(ClusterReadModel) private readonly readModel: ClusterReadModel,
  ) {}

  async credentialsFor(secretRef: LocalSecretReference): Promise<CredentialsLookup> {
    const { namespace, name } = secretRef;
    const secret = await this.readModel.secret(namespace, name);
    // Karmada's words: the API's NotFound message for the Secret.
    if (!secret) return { problem: `secrets "${name}" not found` };
    const sealed = secret.state.sealedData;
    if (!sealed) return { problem: `secret ${namespace}/${name} has no data` };
    const content = await this.values().read({ namespace, name, ref: sealed.ref });
    // The read model names this version as current, so its row must exist: the gateway has just replaced it, and
    // the next resync reads the newer version.
    if (!content) throw new Error(`the values of secret ${namespace}/${name} (${sealed.ref}) are not stored`);
    return { credentials: credentialsFromSecretData(content.data) };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reader?.close();
    this.reader = undefined;
  }

  private values(): SecretValueReader {
    if (!this.reader) {
      const key = loadSecretKey({ fromEnv: this.runtime.env.KARMADA_SECRET_KEY, stateDir: this.runtime.stateDir, createIfMissing: false });
      this.reader = SecretValueReader.open({ databaseUrl: this.runtime.databaseUrl, instance: this.runtime.instance, cipher: new SecretCipher(key), poolSize: 2 });
    }
    return this.reader;
  }
}
