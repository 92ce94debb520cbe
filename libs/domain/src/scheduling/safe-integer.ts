/** Karmada counts replicas in int32; its estimators use MaxInt32 as "unbounded". */
export const MAX_INT32 = 2_147_483_647;

export const MAX_SAFE_BIGINT = BigInt(Number.MAX_SAFE_INTEGER);

/** A bigint as a number when that is exact, so hot paths can divide numbers. */
export function toNumberIfSafe(value: bigint): number | bigint {
  return value <= MAX_SAFE_BIGINT && value >= -MAX_SAFE_BIGINT ? Number(value) : value;
}
