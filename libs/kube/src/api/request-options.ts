/** Per-request options of the resource service, from query parameters or in-process callers. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/**
 * Who makes a request and how to trace it. The HTTP handler builds it with its `authenticate` option and the
 * resource service hands it to every store write, so a store can record the author of each change (audit).
 */
export interface RequestContext {
  /** The authenticated user (`alice`, `system:binding-svc`). */
  readonly user: string;
  /** The groups the user belongs to (what an authorizer decides on). */
  readonly groups?: readonly string[];
  /** Unique per request (the `Audit-Id` response header of the gateway). */
  readonly requestId: string;
  /** The chain of work this request continues, when it is not a chain of its own (defaults to `requestId`). */
  readonly correlationId?: string;
}

export interface RequestOptions {
  /** dryRun=All: run everything but the store write. */
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: FieldValidation;
  /** Warnings to send back (`Warning: 299 - "…"` headers); the service appends to it. */
  warnings?: string[];
  /**
   * In-process controllers that own status (a simulated kubelet creating nodes, a controller creating scheduled
   * pods) may write status together with the object. Never set from HTTP requests.
   */
  preserveStatus?: boolean;
  /** The request's author and ids, passed through to the store. */
  context?: RequestContext;
}

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

/** metav1.DeleteOptions, the parts the server honours. */
export interface DeleteOptions {
  propagationPolicy?: PropagationPolicy;
  orphanDependents?: boolean;
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: string[];
}

export type Subresource = 'status' | 'scale';
