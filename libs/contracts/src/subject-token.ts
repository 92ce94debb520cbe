/**
 * Reversible encoding of arbitrary names (Kubernetes names, namespaces, `plural.group`) into single NATS subject
 * tokens.
 *
 * A subject token must not contain `.`, `*`, `>` or whitespace, yet Kubernetes names contain `.` (and some contain `:`).
 * Every character outside `[A-Za-z0-9-]` is written as `~` followed by the two lower-case hex digits of each of its
 * UTF-8 bytes, so `web.v1` becomes `web~2ev1` and `~` itself becomes `~7e`. The lone token `_` (which no encoded
 * name can produce, because `_` encodes to `~5f`) stands for "no namespace": a cluster-scoped object.
 */

/** The token that stands for "cluster-scoped" in the namespace position of a subject. */
export const clusterScopedToken = '_';

const plainCharacter = /[A-Za-z0-9-]/;
const encodedToken = /^(?:[A-Za-z0-9-]|~[0-9a-f]{2})+$/;
const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class SubjectTokenError extends Error {
  override readonly name = 'SubjectTokenError';
}

/** Encodes a non-empty name into one subject token (see the module comment for the scheme). */
export function encodeToken(value: string): string {
  if (value.length === 0) throw new SubjectTokenError('cannot encode an empty name into a subject token');
  let out = '';
  for (const character of value) {
    if (plainCharacter.test(character)) {
      out += character;
      continue;
    }
    for (const byte of utf8.encode(character)) out += `~${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** Decodes a token produced by {@link encodeToken}; throws {@link SubjectTokenError} on anything else. */
export function decodeToken(token: string): string {
  if (!encodedToken.test(token)) throw new SubjectTokenError(`"${token}" is not an encoded subject token`);
  const bytes: number[] = [];
  for (let i = 0; i < token.length; i++) {
    if (token[i] === '~') {
      bytes.push(Number.parseInt(token.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(token.charCodeAt(i));
    }
  }
  let decoded: string;
  try {
    decoded = strictUtf8.decode(Uint8Array.from(bytes));
  } catch {
    throw new SubjectTokenError(`"${token}" does not encode UTF-8 text`);
  }
  // Only the canonical encoding is accepted, so every name has exactly one token (decode ∘ encode = id and back).
  if (encodeToken(decoded) !== token) throw new SubjectTokenError(`"${token}" is not in canonical encoding`);
  return decoded;
}

/** The namespace token: the encoded namespace, or `_` for cluster-scoped objects (undefined or empty namespace). */
export function encodeNamespaceToken(namespace: string | undefined): string {
  return namespace ? encodeToken(namespace) : clusterScopedToken;
}

/** Inverse of {@link encodeNamespaceToken}: `_` gives undefined (cluster-scoped). */
export function decodeNamespaceToken(token: string): string | undefined {
  return token === clusterScopedToken ? undefined : decodeToken(token);
}
