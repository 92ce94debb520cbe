import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the secret key comes from: `KARMADA_SECRET_KEY` (base64 of 32 bytes), else `<stateDir>/secret.key`. */
export interface SecretKeySource {
  readonly fromEnv?: string;
  readonly stateDir: string;
  /** Create the key file when it is missing (the gateway does; readers wait for it instead). */
  readonly createIfMissing: boolean;
}

export class SecretKeyError extends Error {}

export function secretKeyPath(stateDir: string): string {
  return join(stateDir, 'secret.key');
}

export function loadSecretKey(source: SecretKeySource): Buffer {
  if (source.fromEnv?.trim()) {
    const key = Buffer.from(source.fromEnv.trim(), 'base64');
    if (key.length !== 32) throw new SecretKeyError('KARMADA_SECRET_KEY must be the base64 encoding of 32 random bytes (openssl rand -base64 32)');
    return key;
  }
  const path = secretKeyPath(source.stateDir);
  if (existsSync(path)) {
    const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new SecretKeyError(`${path} does not hold a base64-encoded 32-byte key`);
    return key;
  }
  if (!source.createIfMissing) {
    throw new SecretKeyError(`no secret key: set KARMADA_SECRET_KEY or start the api-gateway first so that it creates ${path}`);
  }
  const key = randomBytes(32);
  mkdirSync(dirname(path), { recursive: true });
  // Written aside and linked into place: a replica starting at the same time either wins the link or reads the
  // winner's complete file, never a half-written one.
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(temporary, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(temporary, 0o600);
  try {
    linkSync(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return loadSecretKey({ ...source, createIfMissing: false });
  } finally {
    unlinkSync(temporary);
  }
  return key;
}
