import { expect } from 'chai';
import { Inject, Injectable, Module } from '@nestjs/common';
import { jetstreamManager } from '@nats-io/jetstream';
import pg from 'pg';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { coreEvents, newEnvelope, ResourceDeleted, ResourceUpserted, type Subjects } from '@karmada-ts/contracts';
import type { StoredEvent } from '@karmada-ts/eventstore';
import { createLatestStateTable, dropLatestStateTable, latestStateProjection, LatestStateReader } from '@karmada-ts/projections';
import { uniqueName, waitFor } from '@karmada-ts/testing';
import {
  EVENT_STORE,
  PROJECTION_DATABASE,
  ProjectionRunners,
  startService,
  SUBJECTS,
  type BatchReconciler,
  type RunningService,
  type ServiceDefinition,
  wholePartition,
} from '../src/index.js';

const kind = { group: '', resource: 'configmaps' };
const consumerName = 'policy-svc-test-configmaps';

class CreateConfigMaps1764100000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await createLatestStateTable(queryRunner, 'configmaps');
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await dropLatestStateTable(queryRunner, 'configmaps');
  }
}

/** Records, for every event it is handed, what the read model said at that moment. */
@Injectable()
class RecordingReconciler implements BatchReconciler {
  static seen: { name: string; seqInReadModel: number | undefined; eventSeq: number }[] = [];
  private readonly reader: LatestStateReader<unknown>;

  constructor(@Inject(PROJECTION_DATABASE) database: DataSource) {
    this.reader = new LatestStateReader(database, 'configmaps');
  }

  async reconcile(events: readonly StoredEvent[]): Promise<void> {
    for (const event of events) {
      const name = (event.data as { object: { metadata: { name: string } } }).object.metadata.name;
      const row = await this.reader.get({ kind: 'configmaps', namespace: 'default', name });
      RecordingReconciler.seen.push({ name, seqInReadModel: row?.seq, eventSeq: event.seq });
    }
  }
}

@Module({ providers: [RecordingReconciler] })
class RecordingModule {}

const definition: ServiceDefinition = {
  name: 'policy-svc',
  module: RecordingModule,
  events: coreEvents,
  migrations: [CreateConfigMaps1764100000000],
  projections: (subjects: Subjects) => [
    {
      // It reads upserts only: deletions are left undecoded, and only move the checkpoint.
      consumer: { durable: consumerName, filterSubject: subjects.templateFilter(kind), batchSize: 10, eventTypes: [ResourceUpserted.type] },
      projections: [
        latestStateProjection({
          name: 'configmaps',
          table: 'configmaps',
          eventTypes: [ResourceUpserted.type],
          key: (e) => {
            const name = (e.data as { object: { metadata: { name: string } } }).object.metadata.name;
            return { kind: 'configmaps', namespace: 'default', name };
          },
          state: (e) => (e.data as { object: unknown }).object,
        }),
      ],
      reconciler: RecordingReconciler,
    },
  ],
};

describe('a service with a reconciling projection consumer', function () {
  this.timeout(60_000);
  const instance = uniqueName('rc').replace(/_/g, '-');
  const database = `karmada_${instance.replace(/-/g, '_')}`;
  const env = {
    KARMADA_INSTANCE: instance,
    DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${database}`,
    NATS_URL: 'nats://127.0.0.1:4222',
    HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
  };
  let service: RunningService;

  before(async () => {
    service = await startService(definition, env);
  });

  after(async () => {
    await service?.stop();
    const { connect } = await import('@nats-io/transport-node');
    const nc = await connect({ servers: env.NATS_URL });
    await (await jetstreamManager(nc)).streams.delete(`KARMADA_${instance.toUpperCase()}`).catch(() => undefined);
    await nc.close();
    const client = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${database}`);
    await client.end();
  });

  it('reconciles after the batch is in the read model, and reports ready', async () => {
    const store = service.app.get(EVENT_STORE) as import('@karmada-ts/eventstore').EventStore;
    const subjects = service.app.get(SUBJECTS) as Subjects;
    for (const name of ['a', 'b', 'c']) {
      const subject = subjects.template(kind, 'default', name);
      await store.append(
        subject,
        newEnvelope(ResourceUpserted, {
          id: `${instance}-${name}`,
          correlationId: 'test',
          causationId: 'test',
          subject,
          time: new Date().toISOString(),
          actor: 'test',
          data: { resource: { ...kind, version: 'v1' }, object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } } },
        }),
        { expectedSeq: 0 },
      );
    }
    await waitFor('three reconciles', () => RecordingReconciler.seen.length >= 3);
    for (const seen of RecordingReconciler.seen) expect(seen.seqInReadModel, seen.name).to.equal(seen.eventSeq);
    const readiness = await (await fetch(`http://127.0.0.1:${service.port}/readyz`)).json();
    expect(readiness).to.have.property('ready', true);
  });

  it('moves the checkpoint past events the consumer leaves out, without a reconcile for them', async () => {
    const store = service.app.get(EVENT_STORE) as import('@karmada-ts/eventstore').EventStore;
    const subjects = service.app.get(SUBJECTS) as Subjects;
    const database = service.app.get(PROJECTION_DATABASE) as DataSource;
    const reconciled = RecordingReconciler.seen.length;
    const subject = subjects.template(kind, 'default', 'a');
    const { seq } = await store.append(
      subject,
      newEnvelope(ResourceDeleted, {
        id: `${instance}-a-deleted`,
        correlationId: 'test',
        causationId: 'test',
        subject,
        time: new Date().toISOString(),
        actor: 'test',
        data: { resource: { ...kind, version: 'v1' }, object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' } } },
      }),
      { expectedSeq: 'any' },
    );
    const checkpoint = async () => {
      const rows: { seq: string }[] = await database.query('SELECT seq FROM projection_checkpoints WHERE consumer = $1', [consumerName]);
      return Number(rows[0]?.seq ?? 0);
    };
    await waitFor('the checkpoint past the deletion', async () => (await checkpoint()) >= seq);
    expect(RecordingReconciler.seen).to.have.length(reconciled);
    // Left out, so not applied: the upsert's row stays.
    expect(await new LatestStateReader(database, 'configmaps').get({ kind: 'configmaps', namespace: 'default', name: 'a' })).to.not.equal(undefined);
    const readiness = await (await fetch(`http://127.0.0.1:${service.port}/readyz`)).json();
    expect(readiness).to.have.property('ready', true);
  });

  it('refuses a consumer that leaves out an event type its projections read', () => {
    const projections = definition.projections!({ templateFilter: () => 'x.>' } as unknown as Subjects, wholePartition);
    const leaky: ServiceDefinition = {
      ...definition,
      projections: () => projections.map((p) => ({ ...p, consumer: { ...p.consumer, eventTypes: [ResourceDeleted.type] } })),
    };
    expect(() => new ProjectionRunners(leaky, {} as Subjects, wholePartition, {} as DataSource)).to.throw(/leaves out ResourceUpserted/);
  });
});
