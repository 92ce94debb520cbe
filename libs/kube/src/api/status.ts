/** metav1.Status and the apimachinery error builders, with Kubernetes' exact reasons, codes and message shapes. */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** A resource qualified by its API group: prints as `deployments.apps`, or `pods` for the core group. */
export interface GroupResource {
  group: string;
  resource: string;
}

/** A kind qualified by its API group: prints as `Deployment.apps`, or `Pod` for the core group. */
export interface GroupKind {
  group: string;
  kind: string;
}

export function groupResourceString(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

export function groupKindString(gk: GroupKind): string {
  return gk.group ? `${gk.kind}.${gk.group}` : gk.kind;
}

/** An error that carries the Status the API answers with. */
export class KubeStatusError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? status.reason ?? 'error');
    this.name = 'KubeStatusError';
  }

  get code(): number {
    return this.status.code;
  }

  get reason(): string | undefined {
    return this.status.reason;
  }
}

export function isKubeStatusError(error: unknown): error is KubeStatusError {
  return error instanceof KubeStatusError;
}

function failure(code: number, reason: string, message: string, details?: StatusDetails): KubeStatusError {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) status.details = details;
  return new KubeStatusError(status);
}

/** The Status of a successful immediate delete: details.kind is the resource (plural). */
export function successStatus(details: StatusDetails): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details, code: 200 };
}

export function notFound(gr: GroupResource, name: string): KubeStatusError {
  return failure(404, 'NotFound', `${groupResourceString(gr)} "${name}" not found`, { name, group: gr.group, kind: gr.resource });
}

/** 404 for a URL that maps to nothing, as the apiserver's default handler answers. */
export function unknownPath(): KubeStatusError {
  return failure(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function alreadyExists(gr: GroupResource, name: string): KubeStatusError {
  return failure(409, 'AlreadyExists', `${groupResourceString(gr)} "${name}" already exists`, { name, group: gr.group, kind: gr.resource });
}

export const staleObjectDetail = 'the object has been modified; please apply your changes to the latest version and try again';

/** 409 Conflict, e.g. a stale resourceVersion: `Operation cannot be fulfilled on deployments.apps "x": <detail>`. */
export function conflict(gr: GroupResource, name: string, detail: string = staleObjectDetail): KubeStatusError {
  return failure(409, 'Conflict', `Operation cannot be fulfilled on ${groupResourceString(gr)} "${name}": ${detail}`, {
    name,
    group: gr.group,
    kind: gr.resource,
  });
}

/** 409 from server-side apply: causes name each conflicting field and its manager. */
export function applyConflict(message: string, causes: StatusCause[]): KubeStatusError {
  return failure(409, 'Conflict', message, { causes });
}

/** 422 Invalid: `Deployment.apps "x" is invalid: spec.replicas: Invalid value: -1: must be ≥ 0`. */
export function invalid(gk: GroupKind, name: string, errors: readonly FieldErrorLike[]): KubeStatusError {
  const causes = errors.map((e) => ({ reason: e.type, message: e.body, field: e.field }));
  const messages = errors.map((e) => `${e.field}: ${e.body}`);
  const aggregate = messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
  const message = messages.length === 0 ? `${groupKindString(gk)} "${name}" is invalid` : `${groupKindString(gk)} "${name}" is invalid: ${aggregate}`;
  return failure(422, 'Invalid', message, { name, group: gk.group, kind: gk.kind, causes });
}

/** The shape `invalid` needs from a field error (see field-error.ts). */
export interface FieldErrorLike {
  type: string;
  field: string;
  body: string;
}

export function badRequest(message: string): KubeStatusError {
  return failure(400, 'BadRequest', message);
}

export function unauthorized(message = 'Unauthorized'): KubeStatusError {
  return failure(401, 'Unauthorized', message);
}

export function forbidden(gr: GroupResource, name: string, detail: string): KubeStatusError {
  const subject = !gr.resource && !name ? 'forbidden' : !name ? `${groupResourceString(gr)} is forbidden` : `${groupResourceString(gr)} "${name}" is forbidden`;
  return failure(403, 'Forbidden', `${subject}: ${detail}`, { name: name || undefined, group: gr.group, kind: gr.resource });
}

export function methodNotSupported(gr: GroupResource, action: string): KubeStatusError {
  return failure(405, 'MethodNotAllowed', `${action} is not supported on resources of kind "${groupResourceString(gr)}"`, {
    group: gr.group,
    kind: gr.resource,
  });
}

export function notAcceptable(accepted: readonly string[]): KubeStatusError {
  return failure(406, 'NotAcceptable', `only the following media types are accepted: ${accepted.join(', ')}`);
}

export function unsupportedMediaType(accepted: readonly string[]): KubeStatusError {
  return failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`);
}

/** 415 for a body of an accepted media type whose content this server does not decode (a protobuf kind or field). */
export function unsupportedBodyContent(message: string): KubeStatusError {
  return failure(415, 'UnsupportedMediaType', message);
}

export function requestEntityTooLarge(limitBytes: number): KubeStatusError {
  return failure(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limitBytes}`);
}

/** 410 Expired: a watch or list from a resourceVersion older than the retained history. */
export function resourceExpired(message: string): KubeStatusError {
  return failure(410, 'Expired', message);
}

export function gone(message: string): KubeStatusError {
  return failure(410, 'Gone', message);
}

export function tooManyRequests(message: string, retryAfterSeconds: number): KubeStatusError {
  return failure(429, 'TooManyRequests', message, { retryAfterSeconds });
}

export function internalError(cause: string): KubeStatusError {
  return failure(500, 'InternalError', `Internal error occurred: ${cause}`, { causes: [{ message: cause }] });
}

export function serviceUnavailable(message: string): KubeStatusError {
  return failure(503, 'ServiceUnavailable', message);
}

/** Any thrown value as a Status error: Status errors pass through, everything else is a 500. */
export function toStatusError(error: unknown): KubeStatusError {
  if (isKubeStatusError(error)) return error;
  return internalError(error instanceof Error ? error.message : String(error));
}

/** 422 for a JSON patch that cannot be applied (a failed `test`, a missing path), as the apiserver reports it. */
export function patchRejected(detail: string): KubeStatusError {
  return failure(422, 'Invalid', 'the server rejected our request due to an error in our request', {
    causes: [{ reason: 'UnexpectedServerResponse', message: detail }],
  });
}
