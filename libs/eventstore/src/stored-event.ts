import type { Envelope, EventRegistry } from '@karmada-ts/contracts';

/**
 * An envelope as read back from the stream, with the stream sequence it was stored at. The sequence is the
 * aggregate's `resourceVersion` and the position projections compare against.
 */
export type StoredEvent<Data = unknown, Type extends string = string> = Envelope<Data, Type> & { readonly seq: number };

/** Decodes a message body with the registry (upcasting old versions) and attaches its stream sequence. */
export function decodeStoredEvent(registry: EventRegistry, body: Uint8Array, seq: number): StoredEvent {
  // decode() returns an object parsed from `body` for us alone, so the sequence can go onto it without a copy.
  return Object.assign(registry.decode(body), { seq });
}
