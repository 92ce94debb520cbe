import type { Provider } from '@nestjs/common';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import { Subjects, type Envelope } from '@karmada-ts/contracts';
import type { LocalSecretReference } from '@karmada-ts/domain';
import { EventStore, type StoredEvent } from '@karmada-ts/eventstore';
import type { MemberSim } from '@karmada-ts/member-sim';
import { startService, type RunningService, type ServiceDefinition } from '@karmada-ts/service-runtime';
import { uniqueName } from '@karmada-ts/testing';
import { clusterEvents } from '../src/events.js';
import { MEMBER_CREDENTIALS, type CredentialsLookup, type MemberCredentialsSource } from '../src/members/member-credentials.js';

const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

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

/** cluster-svc in this process on an instance and database of its own, with a connection of the test's own. */
export interface TestClusterSvc {
  readonly instance: string;
  readonly database: string;
  readonly env: NodeJS.ProcessEnv;
  readonly subjects: Subjects;
  readonly store: EventStore;
  running: RunningService;
  /** Appends an input event the way its writer would: conditional on the subject's head. */
  append(envelope: Envelope): Promise<number>;
  /** Every event on one subject, in order. */
  events(subject: string): Promise<StoredEvent[]>;
  restart(): Promise<void>;
  /** Stops the service and removes its stream and database. */
  destroy(): Promise<void>;
}

export async function startClusterSvc(prefix: string, definition: ServiceDefinition, extra: NodeJS.ProcessEnv = {}): Promise<TestClusterSvc> {
  const name = uniqueName(prefix);
  const instance = name.replace(/_/g, '-');
  const subjects = new Subjects(instance);
  const env: NodeJS.ProcessEnv = {
    KARMADA_INSTANCE: instance,
    DATABASE_URL: `${postgresUrl}/${name}`,
    NATS_URL: natsUrl,
    HTTP_PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...fastTimings,
    ...extra,
  };
  let running = await startService(definition, env);
  let nc: NatsConnection | undefined;
  let store: EventStore;
  try {
    nc = await connect({ servers: natsUrl });
    store = await EventStore.open(nc, { stream: subjects.stream, registry: clusterEvents });
  } catch (error) {
    await running.stop();
    await nc?.close();
    throw error;
  }
  let stopped = false;
  const svc: TestClusterSvc = {
    instance,
    database: name,
    env,
    subjects,
    store,
    get running() {
      return running;
    },
    async append(envelope) {
      const head = await store.readLast(envelope.subject);
      return (await store.append(envelope.subject, envelope, { expectedSeq: head?.seq ?? 0 })).seq;
    },
    async events(subject) {
      const out: StoredEvent[] = [];
      for await (const event of store.replay(subject)) out.push(event);
      return out;
    },
    async restart() {
      await running.stop();
      running = await startService(definition, env);
    },
    async destroy() {
      if (stopped) return;
      stopped = true;
      await running.stop().catch(() => undefined);
      await (await jetstreamManager(nc!)).streams.delete(subjects.stream).catch(() => undefined);
      await nc!.close();
      const client = new pg.Client({ connectionString: `${postgresUrl}/test` });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
  return svc;
}
