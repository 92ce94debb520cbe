import type { KubeObject } from '../api/meta.js';
import type { DriftedField } from '../cluster/drift.js';
import { isRecord } from '../interpret/unstructured.js';
import { parsePointer } from '../override/json-pointer.js';
import { isSecret } from '../render/sealed-manifests.js';

/** A keyed one-way digest of a value (HMAC under the secret key), so equal values can be told apart from changed ones. */
export type ValueDigest = (value: string) => string;

/**
 * The drift of a member object as it may be recorded in an event: for a Secret, every value under `data` and
 * `stringData`, and the annotations sealed with them (which repeat them), is replaced by its keyed digest, so a
 * DriftCorrected event names the entries that changed (`/data/password` from one digest to another, or to nothing)
 * and never holds a value. A whole map that changed keeps its keys, each with a digest. Other kinds are unchanged.
 */
export function redactSecretDrift(manifest: KubeObject, fields: readonly DriftedField[], sealedAnnotations: readonly string[], digest: ValueDigest): DriftedField[] {
  if (!isSecret(manifest)) return [...fields];
  const sealedPaths = [['data'], ['stringData'], ...sealedAnnotations.map((name) => ['metadata', 'annotations', name])];
  return fields.map((field) => {
    const path = parsePointer(field.path) ?? [];
    let { from, to } = field;
    for (const sealed of sealedPaths) {
      if (startsWith(path, sealed)) {
        from = masked(from, digest);
        to = masked(to, digest);
      } else if (startsWith(sealed, path)) {
        const below = sealed.slice(path.length);
        from = maskedAt(from, below, digest);
        to = maskedAt(to, below, digest);
      }
    }
    return { path: field.path, from, to };
  });
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((token, i) => path[i] === token);
}

/** Every leaf replaced by its digest; maps keep their keys. */
function masked(value: unknown, digest: ValueDigest): unknown {
  if (value === undefined || value === null) return value;
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, masked(inner, digest)]));
  return digest(typeof value === 'string' ? value : JSON.stringify(value));
}

/** The value with what lies at `tokens` below it masked. */
function maskedAt(value: unknown, tokens: readonly string[], digest: ValueDigest): unknown {
  const [first, ...rest] = tokens;
  if (first === undefined) return masked(value, digest);
  if (!isRecord(value) || !Object.hasOwn(value, first)) return value;
  return { ...value, [first]: maskedAt(value[first], rest, digest) };
}
