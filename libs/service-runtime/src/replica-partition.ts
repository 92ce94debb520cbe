import { ConfigError } from './config-error.js';

/**
 * Which share of the member clusters a replica serves: replica `replica` of `replicas` owns the clusters whose name
 * hashes to it. Static (every replica computes it alone, nothing is coordinated): a replica that is down leaves its
 * clusters unserved until it is back, which is why a partition is opt-in (KARMADA_REPLICAS). One replica owns all.
 */
export interface ReplicaPartition {
  /** 1-based (KARMADA_REPLICA, set by the stack launcher). */
  readonly replica: number;
  /** How many replicas share the clusters (KARMADA_REPLICAS); 1 is no partition. */
  readonly replicas: number;
}

export const wholePartition: ReplicaPartition = { replica: 1, replicas: 1 };

/**
 * The partition the environment asks for. KARMADA_REPLICA alone does not partition: the stack launcher numbers the
 * replicas of every service, and only KARMADA_REPLICAS says they divide the clusters.
 */
export function loadReplicaPartition(env: Readonly<Record<string, string | undefined>>): ReplicaPartition {
  const replicas = setting('KARMADA_REPLICAS', env.KARMADA_REPLICAS);
  const replica = setting('KARMADA_REPLICA', env.KARMADA_REPLICA);
  if (replicas <= 1) return wholePartition;
  if (replica > replicas) throw new ConfigError(`KARMADA_REPLICA=${replica} is not valid with KARMADA_REPLICAS=${replicas}: expected 1 to ${replicas}`);
  return { replica, replicas };
}

/** Whether the replica serves this cluster: a stable hash of the name (FNV-1a, 32 bit) over the replicas. */
export function ownsCluster(partition: ReplicaPartition, cluster: string): boolean {
  if (partition.replicas <= 1) return true;
  return fnv1a(cluster) % partition.replicas === partition.replica - 1;
}

/**
 * A durable consumer of one share: `<durable>-<replica>-of-<replicas>`, the durable itself without a partition. A
 * replica that reads only its share cannot share a durable with the others, which would hand it their events.
 */
export function partitionDurable(durable: string, partition: ReplicaPartition): string {
  return partition.replicas <= 1 ? durable : `${durable}-${partition.replica}-of-${partition.replicas}`;
}

function setting(name: string, raw: string | undefined): number {
  const text = raw?.trim();
  if (!text) return 1;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > 64) throw new ConfigError(`${name}="${text}" is not valid: expected an integer from 1 to 64`);
  return value;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
