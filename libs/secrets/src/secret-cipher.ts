import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const version = 'v1';
const algorithm = 'aes-256-gcm';

export class SecretDecryptionError extends Error {}

/**
 * AES-256-GCM for secrets at rest. Each value gets a fresh 96-bit IV; the associated data (e.g. `namespace/name`)
 * binds a ciphertext to the object it belongs to, so a row copied onto another secret fails to decrypt.
 * Format: `v1:<iv>:<tag>:<ciphertext>`, each part base64.
 */
export class SecretCipher {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error(`the secret key must be 32 bytes (AES-256), got ${key.length}`);
    this.key = Buffer.from(key);
  }

  encrypt(plaintext: Buffer | string, associatedData: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(algorithm, this.key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return [version, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ciphertext.toString('base64')].join(':');
  }

  decrypt(sealed: string, associatedData: string): Buffer {
    const [v, iv, tag, ciphertext] = sealed.split(':');
    if (v !== version || !iv || !tag || ciphertext === undefined) throw new SecretDecryptionError('not a sealed secret value');
    try {
      const decipher = createDecipheriv(algorithm, this.key, Buffer.from(iv, 'base64'));
      decipher.setAAD(Buffer.from(associatedData, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]);
    } catch {
      throw new SecretDecryptionError('the secret could not be decrypted: wrong key, or the value was altered');
    }
  }

  /**
   * A digest that identifies a secret's content in events and logs without revealing it: HMAC-SHA256 under the
   * secret key, so a short secret cannot be guessed offline from its digest.
   */
  digest(content: Buffer | string): string {
    return `hmac-sha256:${createHmac('sha256', this.key).update(content).digest('hex')}`;
  }
}
