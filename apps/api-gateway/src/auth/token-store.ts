import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createFileOnce } from '../server/state-files.js';
import { formatTokenFile, parseTokenFile, type TokenEntry } from './token-file.js';

/**
 * The tokens the gateway accepts, from `path`. On the first start (no file yet) it creates one with a single admin
 * token, so that the admin kubeconfig works at once; replicas starting together end up with the same file.
 */
export function loadTokens(path: string): TokenEntry[] {
  if (!existsSync(path)) {
    createFileOnce(path, formatTokenFile([{ token: randomBytes(32).toString('base64url'), user: 'admin', role: 'admin' }]));
  }
  return parseTokenFile(readFileSync(path, 'utf8'), path);
}
