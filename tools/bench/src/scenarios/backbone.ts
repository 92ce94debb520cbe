/**
 * Backbone benchmark: how fast the event backbone moves events, measured in one run on scratch streams and a
 * scratch schema (all removed afterwards).
 *
 * 1. raw ceiling: a bare pipelined JetStream publisher (acked publishes, no headers, no checks) on its own stream;
 * 2. append: EventStore.appendBatch with message ids and expected sequences on distinct subjects, pipelined;
 * 3. projection: a Nest microservice on the JetStream transport consuming those events in batches into Postgres
 *    through ProjectionRunner (seq-guarded multi-row upserts + checkpoint per transaction), acking after commit;
 * 4. rebuild: rebuildProjections over the same events (ordered replay → the same projection).
 */
import 'reflect-metadata';
import { Controller, Inject, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { coreEvents, newEnvelope, ResourceUpserted, Subjects, type Envelope } from '@karmada-ts/contracts';
import {
  batchPattern,
  EventStore,
  JetStreamServer,
  PropagateHandlerErrorsFilter,
  provisionStream,
  type AppendItem,
  type StoredEvent,
} from '@karmada-ts/eventstore';
import { createLogger, createServiceMetrics } from '@karmada-ts/operability';
import {
  openProjectionDatabase,
  ProjectionRunner,
  quoteIdent,
  rebuildProjections,
  type Projection,
  type ProjectionContext,
} from '@karmada-ts/projections';
import type { BenchResult } from '../bench-report.js';

export interface BackboneBenchOptions {
  /** Events per phase (e.g. 50,000). */
  readonly events: number;
  readonly natsUrl: string;
  /** The database is created if missing; the benchmark works in a scratch schema it drops afterwards. */
  readonly databaseUrl: string;
  /** Publishes in flight for the raw and append phases. Default 256. */
  readonly window?: number;
  /** Consumer batch size of the projection phase. Default 500. */
  readonly batchSize?: number;
  /** Batches the projector handles at once (the consumer's `concurrency`). Default 2. */
  readonly concurrency?: number;
}

export interface BackboneBenchResult {
  readonly events: number;
  /** Acked JetStream publishes per second, bare publisher (the ceiling). */
  readonly rawPublishPerSec: number;
  /** EventStore appends per second (msg id + expected subject sequence, distinct subjects). */
  readonly appendPerSec: number;
  /** appendPerSec / rawPublishPerSec (target ≥ 0.7). */
  readonly appendRatio: number;
  /** Events per second consumed, projected into Postgres in batches and acked (target ≥ 10,000). */
  readonly projectionPerSec: number;
  /** Events per second through rebuildProjections (ordered replay + the same projection). */
  readonly rebuildPerSec: number;
  readonly payloadBytes: number;
  readonly window: number;
  readonly batchSize: number;
  readonly concurrency: number;
  readonly seconds: { readonly raw: number; readonly append: number; readonly projection: number; readonly rebuild: number };
  /**
   * CPU this process spent per event in each phase (user + system; Postgres and NATS not included). Unlike the rates
   * it hardly depends on what else runs on the machine, so it shows whether a slow run was this code or the load.
   */
  readonly clientCpuMicrosPerEvent: { readonly raw: number; readonly append: number; readonly projection: number };
}

export async function benchBackbone(options: BackboneBenchOptions): Promise<BackboneBenchResult> {
  const window = options.window ?? 256;
  const batchSize = options.batchSize ?? 500;
  const concurrency = options.concurrency ?? 2;
  const id = `bench-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const subjects = new Subjects(id);
  const rawStream = `${subjects.stream}_RAW`;
  const rawPrefix = `${id}-raw`;
  // As EventStore.connect does: no async stack trace captured per request (it would dominate the client's cost).
  const nc = await connect({ servers: options.natsUrl, noAsyncTraces: true });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  let dataSource: DataSource | undefined;
  let app: INestMicroservice | undefined;
  try {
    await provisionStream(jsm, { name: subjects.stream, subjects: subjects.streamSubjects() });
    await provisionStream(jsm, { name: rawStream, subjects: [`${rawPrefix}.>`] });
    const metrics = createServiceMetrics('bench', { processMetrics: false });
    const store = await EventStore.open(nc, { stream: subjects.stream, registry: coreEvents, metrics: metrics.backbone });

    const envelopes = Array.from({ length: options.events }, (_, i) => benchEnvelope(subjects, i));
    const payloads = envelopes.map((e) => JSON.stringify(e));
    const payloadBytes = Math.round(payloads.reduce((sum, p) => sum + Buffer.byteLength(p), 0) / payloads.length);

    // Warm both paths up (JIT, connection buffers) before measuring either.
    const warmup = Math.min(1_000, options.events);
    await publishRaw(js, payloads.slice(0, warmup).map((p, i) => [`${rawPrefix}.warmup.${i}`, p]), window);
    await appendAll(store, warmupItems(subjects, warmup), window);

    // Raw and append alternate over several rounds, so drift (GC, server state, other load) hits both alike.
    const items: AppendItem[] = envelopes.map((envelope) => ({ subject: envelope.subject, envelope, expectedSeq: 0 }));
    let rawSeconds = 0;
    let appendSeconds = 0;
    let rawCpu = 0;
    let appendCpu = 0;
    const roundSize = Math.ceil(options.events / rounds);
    for (let start = 0, round = 0; start < options.events; start += roundSize, round++) {
      const end = Math.min(options.events, start + roundSize);
      const raw = () => publishRaw(js, payloads.slice(start, end).map((p, i) => [`${rawPrefix}.x.${start + i}`, p]), window);
      const append = () => appendAll(store, items.slice(start, end), window);
      const measureRaw = async () => {
        const m = await measured(raw);
        rawSeconds += m.seconds;
        rawCpu += m.cpuMicros;
      };
      const measureAppend = async () => {
        const m = await measured(append);
        appendSeconds += m.seconds;
        appendCpu += m.cpuMicros;
      };
      if (round % 2 === 0) {
        await measureRaw();
        await measureAppend();
      } else {
        await measureAppend();
        await measureRaw();
      }
    }

    const schema = `bench_${id.replace(/-/g, '_')}`;
    dataSource = await openProjectionDatabase({
      url: options.databaseUrl,
      schema,
      migrations: [CreateBenchTemplates1764000000000],
    });
    const durable = 'bench-projector';
    const runner = new ProjectionRunner(dataSource, { consumer: durable, projections: [new BenchTemplatesProjection()] });
    const target = options.events;
    let projected = 0;
    let done!: () => void;
    const caughtUp = new Promise<void>((resolve) => (done = resolve));
    const { seconds: projectionSeconds, cpuMicros: projectionCpu } = await measured(async () => {
      app = await startProjector({
        natsUrl: options.natsUrl,
        subjects,
        durable,
        batchSize,
        concurrency,
        metrics: metrics.backbone,
        onBatch: async (events) => {
          await runner.applyBatch(events);
          projected += events.length;
          if (projected >= target) done();
        },
      });
      await caughtUp;
    });
    await app?.close();
    app = undefined;

    const rebuildSeconds = await timed(async () => {
      await rebuildProjections({ runner, store, filterSubject: subjects.templateFilter(benchKind), batchSize: 1_000 });
    });
    await dataSource.query(`DROP SCHEMA ${quoteIdent(schema)} CASCADE`);

    const rawPublishPerSec = options.events / rawSeconds;
    const appendPerSec = options.events / appendSeconds;
    return {
      events: options.events,
      rawPublishPerSec,
      appendPerSec,
      appendRatio: appendPerSec / rawPublishPerSec,
      projectionPerSec: options.events / projectionSeconds,
      rebuildPerSec: options.events / rebuildSeconds,
      payloadBytes,
      window,
      batchSize,
      concurrency,
      seconds: { raw: rawSeconds, append: appendSeconds, projection: projectionSeconds, rebuild: rebuildSeconds },
      clientCpuMicrosPerEvent: {
        raw: rawCpu / options.events,
        append: appendCpu / options.events,
        projection: projectionCpu / options.events,
      },
    };
  } finally {
    await app?.close();
    await dataSource?.destroy();
    await jsm.streams.delete(subjects.stream).catch(() => undefined);
    await jsm.streams.delete(rawStream).catch(() => undefined);
    await nc.drain();
  }
}

/**
 * The raw ceiling alone, as other scenarios record it at their start: acked publishes per second of the same bare
 * pipelined publisher and Deployment-sized payloads as phase 1, on a scratch stream removed afterwards.
 */
export async function measureRawPublishCeiling(options: { natsUrl: string; events: number; window?: number }): Promise<number> {
  const window = options.window ?? 256;
  const id = `ceiling-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const subjects = new Subjects(id);
  const rawStream = `${subjects.stream}_RAW`;
  const nc = await connect({ servers: options.natsUrl, noAsyncTraces: true });
  const jsm = await jetstreamManager(nc);
  try {
    await provisionStream(jsm, { name: rawStream, subjects: [`${id}.>`] });
    const js = jetstream(nc);
    const messages = (from: number, count: number): [string, string][] =>
      Array.from({ length: count }, (_, i) => [`${id}.x.${from + i}`, JSON.stringify(benchEnvelope(subjects, from + i))]);
    await publishRaw(js, messages(0, Math.min(1_000, options.events)), window);
    const payloads = messages(options.events, options.events);
    const seconds = await timed(() => publishRaw(js, payloads, window));
    return options.events / seconds;
  } finally {
    await jsm.streams.delete(rawStream).catch(() => undefined);
    await nc.drain();
  }
}

/** The result in the bench CLI's report format, with the targets of issue 2. */
export function backboneBenchResult(result: BackboneBenchResult): BenchResult {
  const { seconds } = result;
  return {
    scenario: 'backbone',
    parameters: {
      events: result.events,
      window: result.window,
      batchSize: result.batchSize,
      concurrency: result.concurrency,
    },
    seconds: seconds.raw + seconds.append + seconds.projection + seconds.rebuild,
    figures: [
      { name: 'raw JetStream publish (ceiling)', value: Math.round(result.rawPublishPerSec), unit: 'events/s' },
      { name: 'EventStore append', value: Math.round(result.appendPerSec), unit: 'events/s' },
      { name: 'append / raw', value: result.appendRatio, unit: 'ratio', target: { op: '>=', value: 0.7 } },
      {
        name: 'projection (consume → Postgres → ack)',
        value: Math.round(result.projectionPerSec),
        unit: 'events/s',
        target: { op: '>=', value: 10_000 },
      },
      { name: 'rebuild (replay → Postgres)', value: Math.round(result.rebuildPerSec), unit: 'events/s' },
    ],
    details: {
      payloadBytes: result.payloadBytes,
      seconds,
      clientCpuMicrosPerEvent: result.clientCpuMicrosPerEvent,
      loadAverage: loadavg(),
    },
  };
}

const benchKind = { group: 'apps', version: 'v1', resource: 'deployments' };

/** Alternating raw/append rounds. */
const rounds = 6;

/** A Deployment-sized ResourceUpserted on its own subject. */
function benchEnvelope(subjects: Subjects, i: number): Envelope {
  const name = `web-${i}`;
  const subject = subjects.template(benchKind, `team-${i % 50}`, name);
  const labels = { app: name, tier: 'frontend', team: `team-${i % 50}` };
  return newEnvelope(ResourceUpserted, {
    id: `bench-${i}`,
    correlationId: `req-${i}`,
    causationId: `req-${i}`,
    subject,
    time: '2026-01-01T00:00:00.000Z',
    actor: 'user:bench',
    data: {
      resource: benchKind,
      object: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, namespace: `team-${i % 50}`, labels },
        spec: {
          replicas: 1 + (i % 5),
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [
                {
                  name: 'web',
                  image: 'registry.example.com/web:1.25.3',
                  ports: [{ containerPort: 8080 }],
                  resources: { requests: { cpu: '100m', memory: '128Mi' } },
                },
              ],
            },
          },
        },
      },
    },
  });
}

function warmupItems(subjects: Subjects, count: number): AppendItem[] {
  return Array.from({ length: count }, (_, i) => {
    const envelope = { ...benchEnvelope(subjects, i), id: `warmup-${i}` };
    const subject = subjects.aggregate('warmup', undefined, `w-${i}`);
    return { subject, envelope: { ...envelope, subject }, expectedSeq: 0 };
  });
}

async function publishRaw(js: JetStreamClient, messages: readonly [string, string][], window: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < messages.length) {
      const [subject, payload] = messages[next++]!;
      await js.publish(subject, payload);
    }
  };
  await Promise.all(Array.from({ length: window }, worker));
}

async function appendAll(store: EventStore, items: readonly AppendItem[], window: number): Promise<void> {
  const outcomes = await store.appendBatch(items, { window });
  const failed = outcomes.find((o) => !o.ok);
  if (failed && !failed.ok) throw failed.error;
}

async function timed(run: () => Promise<void>): Promise<number> {
  return (await measured(run)).seconds;
}

/** Wall time and this process's CPU time (µs) of `run`. */
async function measured(run: () => Promise<void>): Promise<{ seconds: number; cpuMicros: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  await run();
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - started) / 1000, cpuMicros: used.user + used.system };
}

/**
 * The API read model's shape: the object is served back verbatim and never queried inside, so it is stored as
 * `json` (text), which costs Postgres about a third less than `jsonb`.
 */
class CreateBenchTemplates1764000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE templates (
        resource text NOT NULL,
        namespace text NOT NULL,
        name text NOT NULL,
        replicas integer,
        object json NOT NULL,
        seq bigint NOT NULL,
        PRIMARY KEY (resource, namespace, name)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE templates');
  }
}

const templatesTable = { table: 'templates', key: ['resource', 'namespace', 'name'] };

class BenchTemplatesProjection implements Projection {
  readonly name = 'templates';
  readonly tables = ['templates'];
  readonly eventTypes = [ResourceUpserted.type];

  apply(events: readonly StoredEvent[], { writer }: ProjectionContext): void {
    for (const event of events) {
      if (!ResourceUpserted.is(event)) continue;
      const { resource, object } = event.data;
      writer.upsert(
        templatesTable,
        {
          resource: `${resource.resource}.${resource.group}`,
          namespace: object.metadata.namespace ?? '',
          name: object.metadata.name ?? '',
          replicas: (object.spec as { replicas?: number }).replicas ?? null,
          object,
        },
        event.seq,
      );
    }
  }
}

const BATCH_SINK = Symbol('BATCH_SINK');

async function startProjector(input: {
  natsUrl: string;
  subjects: Subjects;
  durable: string;
  batchSize: number;
  concurrency: number;
  metrics: ReturnType<typeof createServiceMetrics>['backbone'];
  onBatch: (events: StoredEvent[]) => Promise<void>;
}): Promise<INestMicroservice> {
  @Controller()
  class BenchProjector {
    constructor(@Inject(BATCH_SINK) private readonly onBatch: (events: StoredEvent[]) => Promise<void>) {}

    @EventPattern<string>(batchPattern(input.durable))
    project(@Payload() events: StoredEvent[]) {
      return this.onBatch(events);
    }
  }

  @Module({ controllers: [BenchProjector], providers: [{ provide: BATCH_SINK, useValue: input.onBatch }] })
  class BenchProjectorModule {}

  const server = new JetStreamServer({
    connection: { servers: input.natsUrl },
    stream: input.subjects.stream,
    registry: coreEvents,
    deadLetterSubject: (durable) => input.subjects.deadLetter(durable),
    consumers: [
      {
        durable: input.durable,
        filterSubject: input.subjects.templateFilter(benchKind),
        batchSize: input.batchSize,
        concurrency: input.concurrency,
      },
    ],
    metrics: input.metrics,
    logger: createLogger({ service: 'bench', level: 'warn' }),
  });
  const app = await NestFactory.createMicroservice(BenchProjectorModule, { strategy: server, logger: false });
  app.useGlobalFilters(new PropagateHandlerErrorsFilter());
  await app.listen();
  return app;
}
