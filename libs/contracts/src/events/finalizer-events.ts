import { defineEventType, type EnvelopeOf } from '../event-type.js';
import type { GroupResourceJson } from './status-events.js';

/**
 * A controller is done cleaning up after an object that carries its finalizer (the `finalizer` aggregate, one
 * subject per controller and object). The api-gateway then removes that finalizer from the object, and deletes the
 * object when it was being deleted and no finalizer remains.
 */
export interface FinalizerReleasedData {
  readonly resource: GroupResourceJson;
  /** Undefined for cluster-scoped objects. */
  readonly namespace?: string;
  readonly name: string;
  /** The uid of the object the controller cleaned up after: a release for an earlier object is ignored. */
  readonly uid?: string;
  readonly finalizer: string;
}

export const FinalizerReleased = defineEventType<'FinalizerReleased', FinalizerReleasedData>('FinalizerReleased', {
  version: 1,
});
export type FinalizerReleased = EnvelopeOf<typeof FinalizerReleased>;
