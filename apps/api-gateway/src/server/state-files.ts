import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Files in the state directory, written so that replicas sharing it never see half a file: written aside, then
 * moved into place.
 */

function asideOf(path: string): string {
  return `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

/** Creates `path` unless it exists; returns whether this call created it. */
export function createFileOnce(path: string, content: string, mode = 0o600): boolean {
  mkdirSync(dirname(path), { recursive: true });
  const aside = asideOf(path);
  writeFileSync(aside, content, { mode, flag: 'wx' });
  try {
    linkSync(aside, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(aside);
  }
}

/** Writes `path`, replacing what was there in one step. */
export function replaceFile(path: string, content: string, mode = 0o600): void {
  mkdirSync(dirname(path), { recursive: true });
  const aside = asideOf(path);
  writeFileSync(aside, content, { mode, flag: 'wx' });
  renameSync(aside, path);
}
