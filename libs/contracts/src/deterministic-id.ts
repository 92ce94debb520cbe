import { hash } from 'node:crypto';

/** Namespace of karmada-ts name-based ids (a fixed random UUID). */
const karmadaIdNamespace = Buffer.from('6d1c3b0e9a4f4c5e8f2a7b3d1e0c9f84', 'hex');

/**
 * The bytes an id is hashed from: the namespace, then the name's UTF-8 written after it, in one buffer reused by every
 * call (ids are made synchronously). A Hash object per id, fed twice, cost twice as much as the one-shot hash of one
 * buffer, and every event's id is made this way. A name too long for it gets a buffer of its own, kept for the next
 * ones up to `keptBytes`.
 */
let nameBytes = withNamespace(Buffer.allocUnsafe(1_024));
const keptBytes = 64 * 1_024;

function withNamespace(buffer: Buffer): Buffer {
  karmadaIdNamespace.copy(buffer);
  return buffer;
}

/** A buffer starting with the namespace, with room for a name of this many UTF-16 units (3 UTF-8 bytes at most each). */
function bufferFor(nameLength: number): Buffer {
  const needed = karmadaIdNamespace.length + nameLength * 3;
  if (needed <= nameBytes.length) return nameBytes;
  const grown = withNamespace(Buffer.allocUnsafe(Math.max(needed, 2 * nameBytes.length)));
  if (grown.length <= keptBytes) nameBytes = grown;
  return grown;
}

/**
 * A name-based UUID (RFC 9562 version 5: SHA-1 over a namespace and a name) of the given parts.
 *
 * The same parts always give the same id, so an event derived from a command or from a causing event gets the same
 * id on every retry, and JetStream's duplicate window drops the repeated publish. The parts are JSON-encoded
 * together so that `('a.b', 'c')` and `('a', 'b.c')` differ.
 */
export function deterministicId(...parts: readonly string[]): string {
  const name = JSON.stringify(parts);
  const buffer = bufferFor(name.length);
  const length = karmadaIdNamespace.length + buffer.write(name, karmadaIdNamespace.length);
  const digest = hash('sha1', buffer.subarray(0, length), 'buffer');
  digest[6] = (digest[6]! & 0x0f) | 0x50; // version 5
  digest[8] = (digest[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = digest.subarray(0, 16).toString('hex');
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
  return hash('sha1', json, 'base64url');
}
