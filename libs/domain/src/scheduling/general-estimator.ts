import type { ReplicaRequirements } from '../api/work.js';
import { parseQuantity, quantityMilliValue, quantityValue } from '../quantity/quantity.js';
import type { ClusterCapacity } from './cluster-snapshot.js';
import { MAX_INT32, toNumberIfSafe } from './safe-integer.js';

/** A binding's per-replica requests, parsed once per decision: positive requests only, cpu in millicores. */
export interface ReplicaRequest {
  readonly resources: readonly { readonly name: string; readonly amount: number | bigint }[];
}

/** Throws InvalidQuantityError when a request is not a quantity. */
export function compileReplicaRequest(requirements: ReplicaRequirements | undefined): ReplicaRequest | undefined {
  if (!requirements) return undefined;
  const resources: { name: string; amount: number | bigint }[] = [];
  for (const [name, text] of Object.entries(requirements.resourceRequest ?? {})) {
    const nanos = parseQuantity(text);
    if (nanos <= 0n) continue;
    resources.push({ name, amount: toNumberIfSafe(name === 'cpu' ? quantityMilliValue(nanos) : quantityValue(nanos)) });
  }
  return { resources };
}

/**
 * Karmada's general estimator: how many more replicas fit on a cluster according to its resource summary.
 * No summary → 0. Otherwise the free pod count, lowered by floor(free/request) for every requested resource; a
 * requested resource the cluster does not list, or has none of, gives 0. No requirements at all → the free pod count.
 */
export function maxAvailableReplicas(capacity: ClusterCapacity | undefined, request: ReplicaRequest | undefined): number {
  if (!capacity || capacity.allowedPods <= 0) return 0;
  let replicas = capacity.allowedPods;
  for (const { name, amount } of request?.resources ?? []) {
    const free = capacity.available.get(name);
    if (free === undefined || free === 0) return 0;
    replicas = Math.min(replicas, floorDivide(free, amount));
  }
  return Math.min(replicas, MAX_INT32);
}

/** floor(a/b) for positive integers, exact even where a float quotient would round up to the next integer. */
function floorDivide(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'number' && typeof b === 'number') return (a - (a % b)) / b;
  const quotient = BigInt(a) / BigInt(b);
  return quotient > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(quotient);
}
