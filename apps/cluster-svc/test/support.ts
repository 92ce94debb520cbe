import type { Provider } from '@nestjs/common';
import type { LocalSecretReference } from '@karmada-ts/domain';
import type { MemberSim } from '@karmada-ts/member-sim';
import type { ServiceDefinition } from '@karmada-ts/service-runtime';
import { startTestService, type TestService } from '@karmada-ts/testing';
import { clusterEvents } from '../src/events.js';
import { MEMBER_CREDENTIALS, type CredentialsLookup, type MemberCredentialsSource } from '../src/members/member-credentials.js';

/**
 * Tiny timings so a suite sees damping, NoExecute and recovery within seconds. The probe deadline stays at a second:
 * on a loaded machine a shorter one turns a slow answer of an unhealthy member into "unreachable", another taint.
 */
export const fastTimings = {
  CLUSTER_STATUS_INTERVAL_SECONDS: '0.5',
  CLUSTER_FAILURE_THRESHOLD_SECONDS: '1',
  CLUSTER_SUCCESS_THRESHOLD_SECONDS: '1',
  CLUSTER_NOEXECUTE_GRACE_SECONDS: '2',
  CLUSTER_PROBE_TIMEOUT_SECONDS: '1',
};

/** Member credentials straight from member-sim, keyed by the Secret's name (= the cluster's, as join names it). */
export class SimCredentials implements MemberCredentialsSource {
  constructor(private readonly sim: MemberSim) {}

  async credentialsFor(secretRef: LocalSecretReference): Promise<CredentialsLookup> {
    if (!this.sim.cluster(secretRef.name)) return { problem: `secrets "${secretRef.name}" not found` };
    return { credentials: { token: this.sim.token(secretRef.name), caBundle: this.sim.caPem } };
  }
}

export function simCredentials(sim: MemberSim): Provider {
  return { provide: MEMBER_CREDENTIALS, useValue: new SimCredentials(sim) };
}

/** cluster-svc in this process on an instance and database of its own, with the fast timings and its event types. */
export type TestClusterSvc = TestService;

export function startClusterSvc(prefix: string, definition: ServiceDefinition, extra: NodeJS.ProcessEnv = {}): Promise<TestClusterSvc> {
  return startTestService(prefix, definition, clusterEvents, { ...fastTimings, ...extra });
}
