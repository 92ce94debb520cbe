import { badRequest } from '@karmada-ts/kube';
import { decodeContinueToken } from './audit-cursor.js';
import { auditFilterParams, parseAuditFilter, singleParam, type AuditFilter } from './audit-filter.js';

export const defaultAuditLimit = 100;
export const maxAuditLimit = 1000;

/** One page of `GET /audit`: newest first, `limit` entries below `before` (the continue token's position). */
export interface AuditListQuery {
  readonly filter: AuditFilter;
  readonly limit: number;
  readonly before?: number;
}

/** Reads `GET /audit`'s parameters; anything wrong is a 400 BadRequest saying what to fix. */
export function parseAuditListQuery(params: URLSearchParams): AuditListQuery {
  const filter = parseAuditFilter(params, [...auditFilterParams, 'limit', 'continue']);
  const rawLimit = singleParam(params, 'limit');
  const limit = rawLimit === undefined ? defaultAuditLimit : Number(rawLimit);
  if (rawLimit !== undefined && (!/^\d+$/.test(rawLimit) || limit < 1 || limit > maxAuditLimit)) {
    throw badRequest(`limit="${rawLimit}" is not valid: use an integer from 1 to ${maxAuditLimit} (default ${defaultAuditLimit})`);
  }
  const token = singleParam(params, 'continue');
  return token === undefined ? { filter, limit } : { filter, limit, before: decodeContinueToken(token) };
}

/** Reads `/audit/stream`'s parameters and its `Last-Event-ID` header (resume after that resourceVersion). */
export function parseAuditStreamQuery(params: URLSearchParams, lastEventId: string | string[] | undefined): { filter: AuditFilter; after?: number } {
  const filter = parseAuditFilter(params, auditFilterParams);
  if (lastEventId === undefined || lastEventId === '') return { filter };
  const text = Array.isArray(lastEventId) ? lastEventId.join(',') : lastEventId.trim();
  const after = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(after)) {
    throw badRequest(`Last-Event-ID "${text}" is not valid: send the id of the last event received (a resourceVersion)`);
  }
  return { filter, after };
}
