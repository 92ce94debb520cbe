/** Per-request options of the resource service, from query parameters or in-process callers. */
export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

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
