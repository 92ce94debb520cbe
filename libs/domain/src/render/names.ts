import { fnv32a } from '../scheduling/fnv.js';

/**
 * Karmada's generated names (pkg/util/names), reproduced exactly so bindings and Works carry the names Karmada's own
 * tools and docs expect (e.g. Work "nginx-687f7fb96f" for Deployment default/nginx).
 */

/** k8s.io/apimachinery rand.SafeEncodeString: each character mapped into an alphabet without vowels. */
const safeAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

export function safeEncodeString(text: string): string {
  return [...text].map((char) => safeAlphabet[(char.codePointAt(0) as number) % safeAlphabet.length]).join('');
}

/** names.GenerateBindingName: lower(<name>-<kind>), with ":" in the name turned into ".". */
export function generateBindingName(kind: string, name: string): string {
  return `${name.replaceAll(':', '.')}-${kind}`.toLowerCase();
}

/**
 * names.GenerateWorkName: lower(<name>) + "-" + safeEncode(decimal fnv32a of lower("<namespace>-<name>-<kind>")),
 * the namespace part left out for cluster-scoped objects.
 */
export function generateWorkName(kind: string, name: string, namespace: string | undefined): string {
  const lowered = name.replaceAll(':', '.').toLowerCase();
  const hashed = (namespace ? `${namespace}-${lowered}-${kind}` : `${lowered}-${kind}`).toLowerCase();
  return `${lowered}-${safeEncodeString(String(fnv32a(hashed)))}`;
}

/** names.GenerateBindingReferenceKey: safeEncode(decimal fnv32a of "<namespace>/<name>" or "<name>"). */
export function generateBindingReferenceKey(namespace: string | undefined, name: string): string {
  return safeEncodeString(String(fnv32a(namespace ? `${namespace}/${name}` : name)));
}
