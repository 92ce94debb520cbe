import type { KubeObject } from '../api/meta.js';
import type { Overriders } from '../api/policy.js';

/** Which overrider of a rule failed, and where in the object. */
export interface OverriderFailure {
  readonly overrider: keyof Overriders;
  /** Index within that overrider list (for plaintext, of the failing operation). */
  readonly index: number;
  readonly path?: string;
  readonly message: string;
}

export type OverriderResult = { readonly ok: true; readonly object: KubeObject } | ({ readonly ok: false } & OverriderFailure);
