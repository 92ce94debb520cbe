import 'reflect-metadata';
import { Module, type INestMicroservice, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { coreEvents } from '@karmada-ts/contracts';
import {
  JetStreamServer,
  PropagateHandlerErrorsFilter,
  type ConsumerSpec,
  type JetStreamServerOptions,
} from '@karmada-ts/eventstore';
import { createLogger } from '@karmada-ts/operability';
import { natsUrl, type TestStream } from './support.js';

export const PROBE = Symbol('PROBE');

/** A small Nest microservice on the JetStream transport, with `probe` injectable under PROBE. */
export async function startService(
  t: TestStream,
  options: {
    readonly controllers: Type[];
    readonly probe: unknown;
    readonly consumers: readonly ConsumerSpec[];
    readonly propagateErrors?: boolean;
  } & Partial<JetStreamServerOptions>,
): Promise<{ app: INestMicroservice; server: JetStreamServer }> {
  @Module({ controllers: options.controllers, providers: [{ provide: PROBE, useValue: options.probe }] })
  class TestServiceModule {}

  const server = new JetStreamServer({
    connection: { servers: natsUrl },
    stream: t.subjects.stream,
    registry: coreEvents,
    deadLetterSubject: (durable) => t.subjects.deadLetter(durable),
    logger: createLogger({ service: 'test', level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...options,
  });
  const app = await NestFactory.createMicroservice(TestServiceModule, { strategy: server, logger: false });
  if (options.propagateErrors ?? true) app.useGlobalFilters(new PropagateHandlerErrorsFilter());
  await app.listen();
  return { app, server };
}
