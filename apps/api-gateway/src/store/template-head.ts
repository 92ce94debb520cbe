import { ResourceCreated, ResourceDeleted, ResourceUpdated, type Envelope, type KubeObjectJson, type SealedSecretData } from '@karmada-ts/contracts';

/** An object's `template` aggregate as its last event leaves it. */
export interface BaseHead {
  /** The subject's last sequence; 0 when nothing was ever written. */
  readonly seq: number;
  /** The object as the last create or update wrote it; undefined when it does not exist (never, or deleted). */
  readonly object: KubeObjectJson | undefined;
  /** Secrets: where the values of that version are. */
  readonly sealedData: SealedSecretData | undefined;
}

export const absentHead: BaseHead = { seq: 0, object: undefined, sealedData: undefined };

/** Folds the last event of a template subject (only the gateway's own event types may be there). */
export function templateHeadOf(event: (Envelope & { readonly seq: number }) | undefined): BaseHead {
  if (!event) return absentHead;
  if (ResourceCreated.is(event) || ResourceUpdated.is(event)) {
    return { seq: event.seq, object: event.data.object, sealedData: event.data.sealedData };
  }
  if (ResourceDeleted.is(event)) return { seq: event.seq, object: undefined, sealedData: event.data.sealedData };
  throw new Error(`${event.subject} ends with a ${event.type} event, which is not a template event`);
}
