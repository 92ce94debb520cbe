import type { ObjectKeyRef } from '../storage/resource-store.js';
import { badRequest } from './status.js';

/** The paging a list request asks for: `?limit=` and `?continue=`. */
export interface ListPage {
  /** At most this many items; 0 or absent: all of them. */
  limit?: number;
  /** The `metadata.continue` of the previous page. */
  continue?: string;
}

/** Where a continued list resumes: after this object, reporting the resourceVersion of its first page. */
export interface ListContinuation {
  resourceVersion: string;
  after: ObjectKeyRef;
}

/**
 * A continue token: opaque to clients, as Kubernetes says, and only read back by the server that wrote it. Every page
 * reports the first page's resourceVersion, so a watch from it replays whatever changed while the pages were read.
 */
export function encodeContinue(continuation: ListContinuation): string {
  const { resourceVersion, after } = continuation;
  return Buffer.from(JSON.stringify({ rv: resourceVersion, ns: after.namespace, name: after.name })).toString('base64url');
}

/** @throws KubeStatusError 400 when the token was not written by encodeContinue. */
export function decodeContinue(token: string): ListContinuation {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const fields = parsed as { rv?: unknown; ns?: unknown; name?: unknown } | undefined;
  if (typeof fields !== 'object' || fields === null || typeof fields.rv !== 'string' || typeof fields.ns !== 'string' || typeof fields.name !== 'string') {
    throw badRequest('the continue token is not valid: list again without it');
  }
  return { resourceVersion: fields.rv, after: { namespace: fields.ns, name: fields.name } };
}

/** `?limit=`: a non-negative integer (0: no limit). @throws KubeStatusError 400 otherwise. */
export function parseLimit(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw badRequest(`limit must be a non-negative integer, not "${value}"`);
  return Number(value);
}
