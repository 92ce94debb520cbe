import type { HealthProbe } from '@karmada-ts/domain';
import type { MemberClient } from './member-client.js';
import { MemberError } from './member-error.js';

export interface HealthProbeOptions {
  /** Bound of the whole probe, both endpoints together (default 5 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export const defaultProbeTimeoutMs = 5_000;

/**
 * Karmada's cluster-status health check: GET /readyz, and GET /healthz when the member has no /readyz (404). No answer
 * (connection error, timeout) is `unreachable`; an answer other than 200 is `unhealthy`; 200 is `healthy`.
 * A cancelled probe and a client that cannot be configured throw instead: neither says anything about the member.
 */
export async function probeHealth(client: MemberClient, options: HealthProbeOptions = {}): Promise<HealthProbe> {
  const timeoutMs = options.timeoutMs ?? defaultProbeTimeoutMs;
  const deadline = Date.now() + timeoutMs;
  const get = (path: string) => client.send({ path, timeoutMs: Math.max(1, deadline - Date.now()), ...(options.signal ? { signal: options.signal } : {}) });
  try {
    let path = '/readyz';
    let response = await get(path);
    if (response.status === 404) {
      path = '/healthz';
      response = await get(path);
    }
    if (response.status === 200) return { outcome: 'healthy' };
    return { outcome: 'unhealthy', detail: `GET ${path} answered ${response.status}: ${response.body.trim().slice(0, 200)}` };
  } catch (error) {
    if (error instanceof MemberError && (error.kind === 'network' || error.kind === 'timeout')) return { outcome: 'unreachable', detail: error.message };
    throw error;
  }
}
