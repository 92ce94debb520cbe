import type { Cluster, ClusterSpec } from '@karmada-ts/domain';
import type { MemberSim } from '@karmada-ts/member-sim';
import { MemberClient, memberKubeConfig, type MemberClientOptions } from '../src/index.js';

/** The Cluster object `karmadactl join` would register for a simulated member. */
export function clusterFor(sim: MemberSim, name: string, spec: Partial<ClusterSpec> = {}): Cluster {
  return {
    apiVersion: 'cluster.karmada.io/v1alpha1',
    kind: 'Cluster',
    metadata: { name },
    spec: { syncMode: 'Push', apiEndpoint: `${sim.url}/clusters/${name}`, secretRef: { namespace: 'karmada-cluster', name }, ...spec },
  };
}

/** A client built the way cluster-svc builds one: Cluster + the join Secret's token and CA bundle. */
export function clientFor(sim: MemberSim, name: string, options: MemberClientOptions = {}): MemberClient {
  return new MemberClient(memberKubeConfig(clusterFor(sim, name), { token: sim.token(name), caBundle: sim.caPem }), options);
}

/** Polls until `check` returns something other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Milliseconds a promise takes to settle, with its outcome. */
export async function timed<T>(work: Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work;
  return { ms: performance.now() - start, value };
}
