import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import { Subjects, type Envelope, type EventRegistry } from '@karmada-ts/contracts';
import { EventStore, type StoredEvent } from '@karmada-ts/eventstore';
import { startService, type RunningService, type ServiceDefinition } from '@karmada-ts/service-runtime';
import { uniqueName } from './unique-name.js';
import { waitFor } from './wait-for.js';

const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** A service running in this process on a stream and a database of its own, and the test's own event store. */
export interface TestService {
  readonly instance: string;
  /** Its database (the name DATABASE_URL ends with). */
  readonly database: string;
  /** The environment it was started with. */
  readonly env: NodeJS.ProcessEnv;
  readonly subjects: Subjects;
  readonly store: EventStore;
  /** The running service (a new one after restart()). */
  readonly running: RunningService;
  /** Appends an input event the way its writer would: conditional on the subject's head. */
  append(envelope: Envelope): Promise<number>;
  /** Every event on one subject (or filter), in stream order. */
  events(filter: string): Promise<StoredEvent[]>;
  restart(): Promise<void>;
  /** Waits until the service's consumers have handled everything in the stream and the stream stops growing. */
  settled(durables: readonly string[]): Promise<void>;
  /** Deletes the service's durable consumers while it is stopped, so the restarted service is handed every event again. */
  redeliverEverything(durables: readonly string[]): Promise<void>;
  /** Stops the service and removes its stream and database. */
  destroy(): Promise<void>;
}

export async function startTestService(prefix: string, definition: ServiceDefinition, registry: EventRegistry, extra: NodeJS.ProcessEnv = {}): Promise<TestService> {
  const name = uniqueName(prefix);
  const instance = name.replace(/_/g, '-');
  const subjects = new Subjects(instance);
  const env: NodeJS.ProcessEnv = {
    KARMADA_INSTANCE: instance,
    DATABASE_URL: `${postgresUrl}/${name}`,
    NATS_URL: natsUrl,
    HTTP_PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...extra,
  };
  let running: RunningService = await startService(definition, env);
  let nc: NatsConnection | undefined;
  let store: EventStore;
  try {
    nc = await connect({ servers: natsUrl });
    store = await EventStore.open(nc, { stream: subjects.stream, registry });
  } catch (error) {
    await running.stop();
    await nc?.close();
    throw error;
  }
  let destroyed = false;
  return {
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
    async events(filter) {
      const out: StoredEvent[] = [];
      for await (const event of store.replay(filter)) out.push(event);
      return out;
    },
    async restart() {
      await running.stop();
      running = await startService(definition, env);
    },
    async settled(durables) {
      const jsm = await jetstreamManager(nc!);
      let quietRounds = 0;
      let lastSeq = -1;
      await waitFor('the service to handle every event', async () => {
        const seq = (await jsm.streams.info(subjects.stream)).state.last_seq;
        let idle = true;
        for (const durable of durables) {
          const info = await jsm.consumers.info(subjects.stream, durable);
          if (info.num_pending > 0 || info.num_ack_pending > 0) idle = false;
        }
        quietRounds = idle && seq === lastSeq ? quietRounds + 1 : 0;
        lastSeq = seq;
        return quietRounds >= 3;
      });
    },
    async redeliverEverything(durables) {
      await running.stop();
      const jsm = await jetstreamManager(nc!);
      for (const durable of durables) await jsm.consumers.delete(subjects.stream, durable);
      running = await startService(definition, env);
    },
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await running.stop().catch(() => undefined);
      await (await jetstreamManager(nc!)).streams.delete(subjects.stream).catch(() => undefined);
      await nc!.close();
      const client = new pg.Client({ connectionString: `${postgresUrl}/test` });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
