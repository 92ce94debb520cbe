import {
  coreEvents,
  newEnvelope,
  ResourceUpserted,
  Subjects,
  type Envelope,
  type KubeObjectJson,
} from '@karmada-ts/contracts';
import { EventStore, provisionStream } from '@karmada-ts/eventstore';
import { uniqueName } from '@karmada-ts/testing';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';

export const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** A stream of its own for one test file (unique instance), with an event store on it. */
export interface TestStream {
  readonly subjects: Subjects;
  readonly nc: NatsConnection;
  readonly jsm: JetStreamManager;
  readonly store: EventStore;
  /** Deletes the stream and closes the connection. */
  cleanup(): Promise<void>;
}

export async function createTestStream(prefix: string): Promise<TestStream> {
  const subjects = new Subjects(uniqueName(prefix).replace(/_/g, '-'));
  const nc = await connect({ servers: natsUrl });
  const jsm = await jetstreamManager(nc);
  await provisionStream(jsm, { name: subjects.stream, subjects: subjects.streamSubjects(), duplicateWindowMs: 60_000 });
  const store = await EventStore.open(nc, { stream: subjects.stream, registry: coreEvents });
  return {
    subjects,
    nc,
    jsm,
    store,
    async cleanup() {
      await jsm.streams.delete(subjects.stream);
      await nc.drain();
    },
  };
}

export function deployment(name: string, replicas = 1): KubeObjectJson {
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' }, spec: { replicas } };
}

/** A ResourceUpserted envelope for `subject`, with an id of its own. */
export function upserted(subject: string, object: KubeObjectJson, id = uniqueName('evt')): Envelope {
  return newEnvelope(ResourceUpserted, {
    id,
    correlationId: `req-${id}`,
    causationId: `req-${id}`,
    subject,
    time: '2026-01-01T00:00:00.000Z',
    actor: 'user:test',
    data: { resource: { group: 'apps', version: 'v1', resource: 'deployments' }, object },
  });
}

/** Polls `condition` every 20 ms until it holds or `timeoutMs` passes (then throws with `what`). */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
