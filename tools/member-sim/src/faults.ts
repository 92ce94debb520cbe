import { assertNever, internalError, serviceUnavailable, tooManyRequests, type KubeStatusError } from '@karmada-ts/kube';

/** Fault injection for one cluster's API (admin API: PUT /_sim/clusters/<name>/faults). */
export interface Faults {
  /** Added before every API request is handled. */
  latencyMs: number;
  /** Probability (0..1) that an API request fails with `errorCode` instead. */
  errorRate: number;
  /** 500 (InternalError), 503 (ServiceUnavailable) or 429 (TooManyRequests). */
  errorCode: 500 | 503 | 429;
}

export const noFaults: Faults = { latencyMs: 0, errorRate: 0, errorCode: 500 };

export class FaultsError extends Error {}

export function parseFaults(body: unknown, current: Faults): Faults {
  if (typeof body !== 'object' || body === null) throw new FaultsError('faults: expected an object');
  const b = body as Record<string, unknown>;
  const out = { ...current };
  if (b['latencyMs'] !== undefined) {
    if (typeof b['latencyMs'] !== 'number' || b['latencyMs'] < 0) throw new FaultsError('latencyMs: must be a number ≥ 0');
    out.latencyMs = b['latencyMs'];
  }
  if (b['errorRate'] !== undefined) {
    if (typeof b['errorRate'] !== 'number' || b['errorRate'] < 0 || b['errorRate'] > 1) throw new FaultsError('errorRate: must be between 0 and 1');
    out.errorRate = b['errorRate'];
  }
  if (b['errorCode'] !== undefined) {
    if (b['errorCode'] !== 500 && b['errorCode'] !== 503 && b['errorCode'] !== 429) throw new FaultsError('errorCode: must be 500, 503 or 429');
    out.errorCode = b['errorCode'];
  }
  return out;
}

/** The error to answer with instead of serving the request, if the dice say so. */
export function injectedError(faults: Faults, roll: number): KubeStatusError | undefined {
  if (faults.errorRate <= 0 || roll >= faults.errorRate) return undefined;
  switch (faults.errorCode) {
    case 503:
      return serviceUnavailable('the server is currently unable to handle the request (injected by member-sim)');
    case 429:
      return tooManyRequests('the server has received too many requests and has asked us to try again later (injected by member-sim)', 1);
    case 500:
      return internalError('injected by member-sim');
    default:
      return assertNever(faults.errorCode, 'error code');
  }
}
