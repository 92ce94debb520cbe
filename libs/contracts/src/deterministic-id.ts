import { createHash } from 'node:crypto';

/** Namespace of karmada-ts name-based ids (a fixed random UUID). */
const karmadaIdNamespace = Buffer.from('6d1c3b0e9a4f4c5e8f2a7b3d1e0c9f84', 'hex');

/**
 * A name-based UUID (RFC 9562 version 5: SHA-1 over a namespace and a name) of the given parts.
 *
 * The same parts always give the same id, so an event derived from a command or from a causing event gets the same
 * id on every retry, and JetStream's duplicate window drops the repeated publish. The parts are JSON-encoded
 * together so that `('a.b', 'c')` and `('a', 'b.c')` differ.
 */
export function deterministicId(...parts: readonly string[]): string {
  const hash = createHash('sha1').update(karmadaIdNamespace).update(JSON.stringify(parts)).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50; // version 5
  hash[8] = (hash[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A short digest of a JSON value's encoding (SHA-1, base64url), for an id that must change with a large content: it
 * goes into deterministicId as one short part instead of the whole encoding, which JSON.stringify would escape again.
 */
export function contentDigest(value: unknown): string {
  return jsonDigest(JSON.stringify(value));
}

/** contentDigest of a value whose JSON the caller has already (and keeps, to send it too: see encodeEnvelope). */
export function jsonDigest(json: string): string {
  return createHash('sha1').update(json).digest('base64url');
}
