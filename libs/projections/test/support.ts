import 'reflect-metadata';
import { Module, type INestMicroservice, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { coreEvents, newEnvelope, ResourceDeleted, ResourceUpserted, Subjects, type Envelope } from '@karmada-ts/contracts';
import {
  EventStore,
  JetStreamServer,
  PropagateHandlerErrorsFilter,
  provisionStream,
  type ConsumerSpec,
} from '@karmada-ts/eventstore';
import { createLogger } from '@karmada-ts/operability';
import { uniqueName } from '@karmada-ts/testing';
import { dropDatabase } from '../src/database.js';

export const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const postgresUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';

/** A stream and a database of their own for one test file. */
export interface TestBackbone {
  readonly subjects: Subjects;
  readonly nc: NatsConnection;
  readonly jsm: JetStreamManager;
  readonly store: EventStore;
  readonly databaseUrl: string;
  cleanup(): Promise<void>;
}

export async function createTestBackbone(prefix: string): Promise<TestBackbone> {
  const name = uniqueName(prefix);
  const subjects = new Subjects(name.replace(/_/g, '-'));
  const nc = await connect({ servers: natsUrl });
  const jsm = await jetstreamManager(nc);
  await provisionStream(jsm, { name: subjects.stream, subjects: subjects.streamSubjects() });
  const store = await EventStore.open(nc, { stream: subjects.stream, registry: coreEvents });
  const databaseUrl = `${postgresUrl}/${name}`;
  return {
    subjects,
    nc,
    jsm,
    store,
    databaseUrl,
    async cleanup() {
      await jsm.streams.delete(subjects.stream);
      await nc.drain();
      await dropDatabase(databaseUrl);
    },
  };
}

export const PROBE = Symbol('PROBE');

/** A small Nest microservice on the JetStream transport; `probe` is injectable under PROBE. */
export async function startService(
  t: TestBackbone,
  options: { readonly controllers: Type[]; readonly probe: unknown; readonly consumers: readonly ConsumerSpec[] },
): Promise<INestMicroservice> {
  @Module({ controllers: options.controllers, providers: [{ provide: PROBE, useValue: options.probe }] })
  class TestServiceModule {}

  const server = new JetStreamServer({
    connection: { servers: natsUrl },
    stream: t.subjects.stream,
    registry: coreEvents,
    deadLetterSubject: (durable) => t.subjects.deadLetter(durable),
    consumers: options.consumers,
    logger: createLogger({ service: 'test', level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  });
  const app = await NestFactory.createMicroservice(TestServiceModule, { strategy: server, logger: false });
  app.useGlobalFilters(new PropagateHandlerErrorsFilter());
  await app.listen();
  return app;
}

export interface TestResource {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
}

/** A ResourceUpserted (replicas given) or ResourceDeleted (replicas undefined) of a Deployment-like object. */
export function deploymentEvent(
  subjects: Subjects,
  kind: TestResource,
  name: string,
  replicas: number | undefined,
  n: number,
): Envelope {
  const subject = subjects.template(kind, 'default', name);
  const object = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' }, spec: { replicas } };
  const fields = {
    id: `${subject}#${n}`,
    correlationId: `req-${n}`,
    causationId: `req-${n}`,
    subject,
    time: `2026-01-01T00:00:${String(n % 60).padStart(2, '0')}.000Z`,
    actor: 'user:test',
    data: { resource: kind, object },
  };
  return replicas === undefined ? newEnvelope(ResourceDeleted, fields) : newEnvelope(ResourceUpserted, fields);
}

export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
