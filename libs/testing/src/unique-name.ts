import { randomBytes } from 'node:crypto';

/** A name no other test run uses: isolates streams, schemas, databases and instances between test files. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`.toLowerCase();
}
