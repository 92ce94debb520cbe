import { STATUS_CODES } from 'node:http';
import { MemberConfigError } from './member-kubeconfig.js';

/** metav1.Status as a member API server returns it with an error. */
export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string; causes?: { reason?: string; message?: string; field?: string }[] };
}

/**
 * How a request to a member failed: no connection (`network`), no answer in time (`timeout`), cancelled by us
 * (`aborted`), or an answer that is an error (`api`, with the HTTP code and the Kubernetes Status, whose message is
 * kept verbatim as the error message — Karmada writes it into the Applied condition). `retryable` says whether the
 * same request may succeed later without anyone changing it.
 */
export type MemberErrorKind = 'network' | 'timeout' | 'aborted' | 'api';

export class MemberError extends Error {
  readonly kind: MemberErrorKind;
  readonly retryable: boolean;
  /** HTTP status code of an `api` error. */
  readonly code: number | undefined;
  /** The Status reason (NotFound, Invalid, Forbidden, …), or NoKindMatch when the member does not serve the kind. */
  readonly reason: string | undefined;
  readonly status: KubeStatus | undefined;

  constructor(kind: MemberErrorKind, message: string, options: { retryable: boolean; code?: number; reason?: string; status?: KubeStatus; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MemberError';
    this.kind = kind;
    this.retryable = options.retryable;
    this.code = options.code;
    this.reason = options.reason;
    this.status = options.status;
  }
}

/** The error for a non-2xx answer; the body is parsed as a Status when it is one. */
export function apiError(code: number, body: string, what: string): MemberError {
  const status = parseStatus(body);
  const message = status?.message || `${what}: the server responded with ${code} ${STATUS_CODES[code] ?? ''}${body ? ` (${body.slice(0, 200)})` : ''}`;
  return new MemberError('api', message, {
    retryable: isRetryableStatus(code, status),
    code,
    ...(status?.reason ? { reason: status.reason } : {}),
    ...(status ? { status } : {}),
  });
}

/** Karmada's `no matches for kind` error: the member does not serve this apiVersion and kind. */
export function noKindMatch(apiVersion: string, kind: string): MemberError {
  return new MemberError('api', `no matches for kind "${kind}" in version "${apiVersion}"`, { retryable: false, code: 404, reason: 'NoKindMatch' });
}

/**
 * Retrying can help for throttling (429), timeouts (408), server errors (5xx), write conflicts (409 Conflict, not
 * AlreadyExists), a namespace that does not exist yet (its own Work may land a moment later) and one still being
 * terminated. Every other 4xx is permanent: the request must change first.
 */
export function isRetryableStatus(code: number, status: KubeStatus | undefined): boolean {
  if (code === 408 || code === 429 || code >= 500) return true;
  if (code === 409) return status?.reason !== 'AlreadyExists';
  if (code === 404) return status?.details?.kind === 'namespaces';
  if (code === 403) return status?.details?.causes?.some((c) => c.reason === 'NamespaceTerminating') === true;
  return false;
}

/** Whether a failed member call is worth retrying as it is. Unknown errors are treated as transient. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof MemberError) return error.retryable;
  if (error instanceof MemberConfigError) return false;
  return true;
}

function parseStatus(body: string): KubeStatus | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === 'object' && parsed !== null && (parsed as KubeStatus).kind === 'Status') return parsed as KubeStatus;
  } catch {
    // Not JSON (a proxy's HTML page, say): the caller reports the raw body instead.
  }
  return undefined;
}
