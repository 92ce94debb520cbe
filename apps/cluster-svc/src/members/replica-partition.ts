/**
 * Which replica probes a cluster: a stable hash of the name (FNV-1a, 32 bit) over the replicas, so every replica
 * agrees without talking to the others. Static: a replica that is down leaves its clusters unprobed until it is
 * back (their published status then stays as it was), which is why the partition is opt-in (KARMADA_REPLICAS).
 */
export function ownsCluster(name: string, replica: number, replicas: number): boolean {
  if (replicas <= 1) return true;
  return fnv1a(name) % replicas === replica - 1;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
