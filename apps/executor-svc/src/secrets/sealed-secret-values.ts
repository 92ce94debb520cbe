import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { withSealedContent, type KubeObject, type SealedManifest } from '@karmada-ts/domain';
import { loadSecretKey, SecretCipher, SecretValueReader, secretValueId, type SecretContent, type SecretValueKey } from '@karmada-ts/secrets';
import { RUNTIME_CONFIG, type RuntimeConfig } from '@karmada-ts/service-runtime';

/** Secret values cannot be read now (not stored, or not readable with this key): a later attempt may succeed. */
export class SecretValuesUnavailableError extends Error {
  override readonly name = 'SecretValuesUnavailableError';
}

/**
 * The executor's access to the gateway's encrypted Secret values (libs/secrets): member credentials, and the values of
 * propagated Secrets, filled into their manifests right before they are applied. Values live only in memory for the
 * call that needs them; they are never logged and never put into an event. The secret key is loaded on first use, so
 * the executor may start before the gateway has created it.
 */
@Injectable()
export class SealedSecretValues implements OnModuleDestroy {
  private reader: SecretValueReader | undefined;
  private cipher: SecretCipher | undefined;

  constructor(@Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig) {}

  /**
   * The stored content of one version, or undefined when it is not stored.
   * @throws SecretValuesUnavailableError
   */
  async read(key: SecretValueKey): Promise<SecretContent | undefined> {
    return (await this.readMany([key])).get(secretValueId(key));
  }

  /**
   * The stored content of these versions, by secretValueId; a version that is not stored is absent.
   * @throws SecretValuesUnavailableError
   */
  async readMany(keys: readonly SecretValueKey[]): Promise<Map<string, SecretContent>> {
    try {
      return await this.valueReader().readMany(keys);
    } catch (error) {
      throw new SecretValuesUnavailableError(`the values cannot be read: ${(error as Error).message}`);
    }
  }

  /**
   * A Work's manifests as they are to be applied: each sealed manifest with its values. A version that is not stored
   * (any more) means a newer Work is on its way, since the gateway removes the values an event no longer refers to.
   * @throws SecretValuesUnavailableError
   */
  async manifestsToApply(manifests: readonly KubeObject[], sealed: readonly SealedManifest[] | undefined): Promise<KubeObject[]> {
    if (!sealed?.length) return [...manifests];
    const contents = await this.readMany(sealed);
    const filled = [...manifests];
    for (const entry of sealed) {
      const manifest = filled[entry.manifestIndex];
      const content = contents.get(secretValueId(entry));
      if (!manifest) throw new Error(`the Work names a sealed manifest ${entry.manifestIndex} it does not have`);
      if (!content) throw new SecretValuesUnavailableError(`the values of secret ${entry.namespace}/${entry.name} (version ${entry.ref}) are not stored`);
      filled[entry.manifestIndex] = withSealedContent(manifest, content);
    }
    return filled;
  }

  /** A keyed digest of a value (HMAC under the secret key): drift records name a changed value by it. */
  digest(value: string): string {
    return this.keyCipher().digest(value);
  }

  async onModuleDestroy(): Promise<void> {
    await this.reader?.close();
  }

  private valueReader(): SecretValueReader {
    this.reader ??= SecretValueReader.open({ databaseUrl: this.config.databaseUrl, instance: this.config.instance, cipher: this.keyCipher(), poolSize: 2 });
    return this.reader;
  }

  private keyCipher(): SecretCipher {
    this.cipher ??= new SecretCipher(loadSecretKey({ fromEnv: this.config.env.KARMADA_SECRET_KEY, stateDir: this.config.stateDir, createIfMissing: false }));
    return this.cipher;
  }
}
