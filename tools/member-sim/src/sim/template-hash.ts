/** A short stable hash of a pod template (the `pod-template-hash` / controller revision suffix). */
const alphabet = 'bcdfghjklmnpqrstvwxz2456789';

function fnv1a(text: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export function templateHash(template: unknown): string {
  const text = JSON.stringify(template ?? null);
  let value = (BigInt(fnv1a(text, 0x811c9dc5)) << 32n) | BigInt(fnv1a(text, 0x050c5d1f));
  let out = '';
  for (let i = 0; i < 10; i++) {
    out += alphabet[Number(value % 27n)];
    value /= 27n;
  }
  return out;
}
