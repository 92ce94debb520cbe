import 'reflect-metadata';
import * as chai from 'chai';
import chaiAsPromised from 'chai-as-promised';
import { Controller, Inject, type INestMicroservice } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { DataSource, EntityManager } from 'typeorm';
import { batchPattern, JetStreamContext, type StoredEvent } from '@karmada-ts/eventstore';
import {
  LatestStateReader,
  latestStateTableSql,
  openProjectionDatabase,
  projectionSchemaName,
  ProjectionRunner,
  readSnapshot,
  rebuildProjections,
} from '@karmada-ts/projections';
import {
  createTestBackbone,
  deploymentEvent,
  PROBE,
  startService,
  waitFor,
  type TestBackbone,
  type TestResource,
} from './support.js';
import { CreateTemplates1764000000000, TemplatesProjection } from './templates.projection.js';

chai.use(chaiAsPromised);
const { expect } = chai;

/** The rows of both tables, in a stable order. */
async function snapshot(dataSource: DataSource): Promise<unknown> {
  return {
    templates: await dataSource.query('SELECT * FROM templates ORDER BY resource, namespace, name'),
    history: await dataSource.query('SELECT * FROM template_history ORDER BY seq'),
    lastEvents: await dataSource.query('SELECT * FROM template_last_events ORDER BY resource, namespace, name'),
  };
}

async function countRows(db: { query(sql: string): Promise<{ n: string }[]> }, table: string): Promise<number> {
  return Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
}

interface Probe {
  readonly runner: ProjectionRunner;
  readonly handled: { instance: string; seqs: number[]; deliveryCount: number }[];
  /** Called after a batch committed; throwing simulates a crash before the ack. */
  afterCommit: (events: StoredEvent[]) => Promise<void> | void;
}

function projector(durable: string, instance: string) {
  @Controller()
  class TemplatesProjector {
    constructor(@Inject(PROBE) private readonly probe: Probe) {}

    @EventPattern<string>(batchPattern(durable))
    async project(@Payload() events: StoredEvent[], @Ctx() ctx: JetStreamContext) {
      await this.probe.runner.applyBatch(events);
      this.probe.handled.push({ instance, seqs: events.map((e) => e.seq), deliveryCount: ctx.getDeliveryCount() });
      await this.probe.afterCommit(events);
    }
  }
  return TemplatesProjector;
}

describe('projections: checkpointed batches, seq-guarded rows, rebuild', () => {
  let t: TestBackbone;
  let dataSource: DataSource;
  const apps: INestMicroservice[] = [];
  let consumerCounter = 0;

  before(async () => {
    t = await createTestBackbone('proj');
    dataSource = await openProjectionDatabase({
      url: t.databaseUrl,
      schema: projectionSchemaName(t.subjects.instance, 'test-svc'),
      migrations: [CreateTemplates1764000000000],
      poolSize: 4,
    });
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });
  after(async () => {
    await dataSource?.destroy();
    await t?.cleanup();
  });

  /** Each test has its own resource kind (so its own subject filter), consumer name and empty tables. */
  let kind: TestResource;
  let filterSubject: string;
  beforeEach(async () => {
    consumerCounter++;
    kind = { group: `test${consumerCounter}`, version: 'v1', resource: 'deployments' };
    filterSubject = t.subjects.templateFilter(kind);
    await dataSource.query('TRUNCATE templates, template_history, template_last_events, projection_row_versions');
  });

  function newRunner(projection = new TemplatesProjection()) {
    return new ProjectionRunner(dataSource, { consumer: `test-svc-projector${consumerCounter}`, projections: [projection] });
  }

  /** Appends events of this test's resource kind, returning them as stored. */
  async function appendEvents(specs: readonly [name: string, replicas: number | undefined][]) {
    const stored: StoredEvent[] = [];
    for (const [i, [name, replicas]] of specs.entries()) {
      const envelope = deploymentEvent(t.subjects, kind, name, replicas, i);
      const { seq } = await t.store.append(envelope.subject, envelope, { expectedSeq: 'any' });
      stored.push({ ...envelope, seq });
    }
    return stored;
  }

  it('runs real migrations into the service schema, idempotently', async () => {
    const schema = projectionSchemaName(t.subjects.instance, 'test-svc');
    const tables: { table_name: string }[] = await dataSource.query(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [schema],
    );
    expect(tables.map((r) => r.table_name)).to.deep.equal([
      'migrations',
      'projection_checkpoints',
      'projection_row_versions',
      'template_history',
      'template_last_events',
      'templates',
    ]);
    const again = await openProjectionDatabase({ url: t.databaseUrl, schema, migrations: [CreateTemplates1764000000000] });
    const applied: { name: string }[] = await again.query('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((m) => m.name)).to.deep.equal(['ProjectionBookkeeping1000000000000', 'CreateTemplates1764000000000']);
    await again.destroy();
  });

  it('compresses values too large to keep inline with lz4, on every connection of the pool', async () => {
    const settings: { default_toast_compression: string }[][] = await Promise.all(
      [1, 2, 3, 4].map(() => dataSource.query('SHOW default_toast_compression')),
    );
    expect(settings.map((rows) => rows[0]!.default_toast_compression)).to.deep.equal(['lz4', 'lz4', 'lz4', 'lz4']);
    // Random text (not compressible to under 2 kB) as a JSON document: stored out of line, compressed.
    const large = { spec: { notes: Array.from({ length: 400 }, (_, i) => `${i}:${Math.random().toString(36)}`) } };
    const connection = dataSource.createQueryRunner();
    try {
      await connection.query('CREATE TEMP TABLE toasted (doc json)');
      await connection.query('INSERT INTO toasted VALUES ($1)', [JSON.stringify(large)]);
      const [row]: { method: string }[] = await connection.query('SELECT pg_column_compression(doc) AS method FROM toasted');
      expect(row!.method).to.equal('lz4');
    } finally {
      await connection.release();
    }
  });

  it('applies a batch with its checkpoint; a redelivered batch changes nothing', async () => {
    const runner = newRunner();
    const events = await appendEvents([['a', 1], ['b', 1], ['a', 2], ['c', 3], ['c', undefined]]);
    await runner.applyBatch(events);
    const once = await snapshot(dataSource);
    await runner.applyBatch(events);
    expect(await snapshot(dataSource)).to.deep.equal(once);
    expect(await countRows(dataSource, 'template_history')).to.equal(5);
    expect(await countRows(dataSource, 'templates')).to.equal(2);
    expect(await runner.checkpoint()).to.equal(events[4]!.seq);
  });

  it('a batch no projection handles moves the checkpoint and writes nothing else', async () => {
    const runner = newRunner();
    const [event] = await appendEvents([['a', 1]]);
    await runner.applyBatch([event!]);
    const before = await snapshot(dataSource);
    const unhandled = [{ ...event!, type: 'WorkStatusReported', seq: event!.seq + 5 }, { ...event!, type: 'WorkStatusReported', seq: event!.seq + 9 }];
    await runner.applyBatch(unhandled);
    expect(await snapshot(dataSource)).to.deep.equal(before);
    expect(await runner.checkpoint()).to.equal(event!.seq + 9);
    await runner.applyBatch([{ ...event!, type: 'WorkStatusReported', seq: event!.seq + 7 }]);
    expect(await runner.checkpoint()).to.equal(event!.seq + 9);
    // Events the consumer left out undecoded (ConsumerSpec.eventTypes) move it through the batch's high water.
    await runner.applyBatch([], event!.seq + 12);
    expect(await runner.checkpoint()).to.equal(event!.seq + 12);
    await runner.applyBatch([]);
    expect(await runner.checkpoint()).to.equal(event!.seq + 12);
    expect(await snapshot(dataSource)).to.deep.equal(before);
  });

  it('is indifferent to the order batches commit in, deletes included (the rule replicas need)', async () => {
    const runner = newRunner();
    const [v1, v2, kept, gone, old] = await appendEvents([['x', 1], ['x', 2], ['y', 1], ['y', undefined], ['z', 5]]);
    // Newer batches first, as a second replica might commit them; then the older ones arrive.
    await runner.applyBatch([gone!, old!]);
    await runner.applyBatch([v2!]);
    await runner.applyBatch([v1!, kept!]);
    const rows: { name: string; replicas: number; seq: string }[] = await dataSource.query(
      'SELECT name, replicas, seq FROM templates ORDER BY name',
    );
    expect(rows.map((r) => [r.name, r.replicas, Number(r.seq)])).to.deep.equal([
      ['x', 2, v2!.seq],
      ['z', 5, old!.seq],
    ]);
    expect(await runner.checkpoint()).to.equal(old!.seq); // GREATEST: the high-water mark never moves back

    // The upsert-only table is guarded by its rows' own seq: the same newest rows, and no row version of its own.
    const lastEvents = async () =>
      ((await dataSource.query('SELECT name, type, seq FROM template_last_events ORDER BY name')) as { name: string; type: string; seq: string }[]).map(
        (r) => [r.name, r.type, Number(r.seq)],
      );
    const newest = [
      ['x', 'ResourceUpserted', v2!.seq],
      ['y', 'ResourceDeleted', gone!.seq],
      ['z', 'ResourceUpserted', old!.seq],
    ];
    expect(await lastEvents()).to.deep.equal(newest);
    const versions: { table_name: string; n: string }[] = await dataSource.query(
      'SELECT table_name, count(*) AS n FROM projection_row_versions GROUP BY table_name ORDER BY table_name',
    );
    expect(versions.map((v) => [v.table_name, Number(v.n)])).to.deep.equal([['templates', 3]]);
    await runner.applyBatch([v1!, v2!, kept!, gone!, old!]);
    expect(await lastEvents()).to.deep.equal(newest);
  });

  it('batches side by side, in any order, end in the newest write of every row and never deadlock', async () => {
    const runner = newRunner();
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    // Ten writes per name, the last one of some a deletion; each batch holds a shuffled mix of every name.
    const events = await appendEvents(Array.from({ length: 60 }, (_, i) => [names[i % 6]!, i >= 54 && i % 2 === 0 ? undefined : i]));
    const shuffled = <T>(items: readonly T[]): T[] =>
      items
        .map((item) => ({ item, order: Math.random() }))
        .sort((a, b) => a.order - b.order)
        .map(({ item }) => item);
    await runner.applyBatch(events);
    const expected = await snapshot(dataSource);
    expect(await countRows(dataSource, 'templates')).to.equal(3);
    expect(await countRows(dataSource, 'template_last_events')).to.equal(6);
    for (let round = 1; round <= 5; round++) {
      await dataSource.query('TRUNCATE templates, template_history, template_last_events, projection_row_versions');
      // Every event in one of six batches, and in one of six more; all twelve committed side by side.
      const batches = [...shuffled(events), ...shuffled(events)].reduce<StoredEvent[][]>((chunks, event, i) => {
        (chunks[Math.floor(i / 10)] ??= []).push(event);
        return chunks;
      }, []);
      await Promise.all(shuffled(batches).map((batch) => runner.applyBatch(batch.sort((a, b) => a.seq - b.seq))));
      expect(await snapshot(dataSource), `round ${round}`).to.deep.equal(expected);
    }
  });

  it('writes a batch in one statement (two in one transaction with deletes): a crash in the middle leaves nothing', async () => {
    const events = await appendEvents([['p', 1], ['q', 1], ['r', 1], ['s', 1], ['p', undefined]]);
    // Batch statements go to the pool as named statements (StatementNames), anything else through TypeORM.
    const statements: string[] = [];
    let transactions = 0;
    const pool = (dataSource.driver as unknown as { master: { query(config: { text: string }): Promise<unknown> } }).master;
    const poolQuery = pool.query;
    pool.query = (config) => (statements.push(config.text), poolQuery.call(pool, config));
    const counting = Object.create(dataSource, {
      query: { value: (sql: string, params?: unknown[]) => (statements.push(sql), dataSource.query(sql, params)) },
      transaction: { value: (work: (manager: EntityManager) => Promise<unknown>) => (transactions++, dataSource.transaction(work)) },
    }) as DataSource;
    const counted = new ProjectionRunner(counting, { consumer: `test-svc-projector${consumerCounter}-counted`, projections: [new TemplatesProjection()] });
    try {
      // Upserts, appends and the checkpoint: one statement.
      await counted.applyBatch(events.slice(0, 4));
      expect([statements.length, transactions]).to.deep.equal([1, 0]);
      // With a delete: one transaction (the delete's statement comes after the claims, see batchStatements).
      await counted.applyBatch(events.slice(4));
      expect([statements.length, transactions]).to.deep.equal([1, 1]);
    } finally {
      pool.query = poolQuery;
    }
    expect(await countRows(dataSource, 'template_history')).to.equal(5);
    expect(await countRows(dataSource, 'templates')).to.equal(3);
    await dataSource.query('TRUNCATE templates, template_history, template_last_events, projection_row_versions');

    let seen = 0;
    const crashing = newRunner(
      new TemplatesProjection(() => {
        if (++seen === 3) throw new Error('crash in the middle of the batch'); // the process "dies" with half the batch seen
      }),
    );
    await expect(crashing.applyBatch(events)).to.be.rejectedWith('crash in the middle');
    expect(await countRows(dataSource, 'templates')).to.equal(0);
    expect(await countRows(dataSource, 'template_history')).to.equal(0);
    expect(await countRows(dataSource, 'projection_row_versions')).to.equal(0);
    expect(await crashing.checkpoint()).to.equal(0);
    const healthy = newRunner();
    await healthy.applyBatch(events);
    expect(await countRows(dataSource, 'templates')).to.equal(3);
    expect(await healthy.checkpoint()).to.equal(events[4]!.seq);
  });

  it('a batch delivered twice by the transport (crash after commit, before ack) changes the projection once', async () => {
    const runner = newRunner();
    const durable = runner.options.consumer;
    const crashedAfter = new Set<number>();
    const probe: Probe = {
      runner,
      handled: [],
      afterCommit: (events) => {
        // Every batch's first commit is followed by a "crash": no ack, so the events come again.
        if (events.some((e) => !crashedAfter.has(e.seq))) {
          for (const e of events) crashedAfter.add(e.seq);
          throw new Error('process died after commit, before ack');
        }
      },
    };
    const events = await appendEvents([['m', 1], ['n', 1], ['m', 2], ['o', 1], ['o', undefined]]);
    apps.push(
      await startService(t, {
        controllers: [projector(durable, 'one')],
        probe,
        consumers: [{ durable, filterSubject, backoff: { baseMs: 50, maxMs: 50 } }],
      }),
    );
    await waitFor('every event to be acked', async () => {
      const info = await t.jsm.consumers.info(t.subjects.stream, durable);
      return info.num_ack_pending === 0 && info.ack_floor.stream_seq >= events[4]!.seq;
    });
    const timesApplied = events.map((e) => probe.handled.filter((h) => h.seqs.includes(e.seq)).length);
    expect(timesApplied.every((n) => n >= 2), `applied ${timesApplied.join(',')} times`).to.equal(true);
    const projected = await snapshot(dataSource);
    expect(await runner.checkpoint()).to.equal(events[4]!.seq);

    // The same events applied exactly once give the same rows.
    await dataSource.query('TRUNCATE templates, template_history, template_last_events, projection_row_versions');
    await runner.applyBatch(events);
    expect(projected).to.deep.equal(await snapshot(dataSource));
    expect(await countRows(dataSource, 'template_history')).to.equal(5);
  });

  it('two instances of one service share the work on one durable without double effects', async () => {
    const runner = newRunner();
    const durable = runner.options.consumer;
    const probe: Probe = {
      runner,
      handled: [],
      // A little work per batch, so that both instances get batches.
      afterCommit: () => new Promise((resolve) => setTimeout(resolve, 5)),
    };
    const consumers = [{ durable, filterSubject, batchSize: 10 }];
    apps.push(await startService(t, { controllers: [projector(durable, 'one')], probe, consumers }));
    apps.push(await startService(t, { controllers: [projector(durable, 'two')], probe, consumers }));
    // 200 events on 20 objects: every object is updated by batches that land on both instances.
    const specs: [string, number | undefined][] = Array.from({ length: 200 }, (_, i) => [
      `obj-${i % 20}`,
      i >= 180 && i % 20 < 5 ? undefined : i,
    ]);
    const events = await appendEvents(specs);
    const last = events[events.length - 1]!.seq;
    await waitFor(
      'both instances to catch up',
      async () => (await runner.checkpoint()) === last && probe.handled.flatMap((h) => h.seqs).length >= 200,
    );

    const byInstance = (instance: string) => probe.handled.filter((h) => h.instance === instance).flatMap((h) => h.seqs);
    expect(byInstance('one').length, 'instance one did some work').to.be.greaterThan(0);
    expect(byInstance('two').length, 'instance two did some work').to.be.greaterThan(0);
    expect(new Set([...byInstance('one'), ...byInstance('two')]).size).to.equal(200);

    const projected = await snapshot(dataSource);
    expect(await countRows(dataSource, 'template_history')).to.equal(200);
    const rows: { name: string; replicas: number }[] = await dataSource.query(
      'SELECT name, replicas FROM templates ORDER BY name',
    );
    const expected = new Map<string, number>();
    for (const [name, replicas] of specs) {
      if (replicas === undefined) expected.delete(name);
      else expected.set(name, replicas);
    }
    const expectedRows = [...expected.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    expect(rows.map((r) => [r.name, r.replicas])).to.deep.equal(expectedRows);

    // And exactly what one instance applying everything in order would have produced.
    await dataSource.query('TRUNCATE templates, template_history, template_last_events, projection_row_versions');
    await runner.applyBatch(events);
    expect(projected).to.deep.equal(await snapshot(dataSource));
  });

  it('readSnapshot reads every row as of its first read, and writes nothing', async () => {
    const runner = newRunner();
    const [first, second] = await appendEvents([['u', 1], ['v', 1]]);
    await runner.applyBatch([first!]);
    const seen = await readSnapshot(dataSource, async (manager) => {
      const before = await countRows(manager, 'templates');
      await runner.applyBatch([second!]); // committed by another connection meanwhile
      const after = await countRows(manager, 'templates');
      const write = await manager.query("INSERT INTO template_history (event_id, type, name, seq) VALUES ('x', 'y', 'z', 1)").then(
        () => 'written',
        (error: { code?: string }) => error.code,
      );
      return { before, after, write };
    });
    expect(seen).to.deep.equal({ before: 1, after: 1, write: '25006' }); // read_only_sql_transaction
    expect(await countRows(dataSource, 'templates')).to.equal(2);
  });

  it('LatestStateReader.listEach and getMany read several scopes and several names in one query', async () => {
    const table = `states_${consumerCounter}`;
    for (const statement of latestStateTableSql(table)) await dataSource.query(statement);
    const rows: [kind: string, namespace: string, name: string][] = [
      ['pp', 'team-a', 'b'],
      ['pp', 'team-a', 'a'],
      ['pp', 'team-b', 'c'],
      ['cpp', '', 'z'],
      ['cpp', '', 'y'],
      ['op', 'team-a', 'o'],
      ['cop', '', 'q'],
    ];
    for (const [i, [kind, namespace, name]] of rows.entries()) {
      await dataSource.query(`INSERT INTO ${table} VALUES ($1, $2, $3, $4, $5)`, [kind, namespace, name, JSON.stringify({ name }), i + 1]);
    }
    const reader = new LatestStateReader<{ name: string }>(dataSource, table);
    const names = (found: { kind: string; namespace: string; name: string }[]) => found.map((r) => `${r.kind}/${r.namespace}/${r.name}`);
    const scopes = [
      { kind: 'pp', namespace: 'team-a' },
      { kind: 'cpp', namespace: '' },
      { kind: 'op', namespace: 'team-a' },
      { kind: 'pp', namespace: 'team-a' },
      { kind: 'op', namespace: 'team-c' },
    ];
    expect(names(await reader.listEach(scopes))).to.deep.equal(['cpp//y', 'cpp//z', 'op/team-a/o', 'pp/team-a/a', 'pp/team-a/b']);
    const oneByOne = (await Promise.all([...new Set(scopes.map((s) => `${s.kind}\u0000${s.namespace}`))].map((id) => reader.list(...(id.split('\u0000') as [string, string]))))).flat();
    expect(names(await reader.listEach(scopes)).sort()).to.deep.equal(names(oneByOne).sort());
    expect((await reader.listEach(scopes)).find((r) => r.name === 'z')).to.deep.include({ state: { name: 'z' }, seq: 4 });
    expect(await reader.listEach([])).to.deep.equal([]);
    expect(names(await reader.getMany('pp', 'team-a', ['b', 'gone', 'a', 'b']))).to.deep.equal(['pp/team-a/a', 'pp/team-a/b']);
    expect(names(await reader.getMany('pp', 'team-b', ['a', 'c']))).to.deep.equal(['pp/team-b/c']);
    expect(await reader.getMany('pp', 'team-a', [])).to.deep.equal([]);
    await dataSource.query(`DROP TABLE ${table}`);
  });

  it('dropping the projection and rebuilding it from the stream gives identical rows', async () => {
    const runner = newRunner();
    const durable = runner.options.consumer;
    const probe: Probe = { runner, handled: [], afterCommit: () => undefined };
    const events = await appendEvents([['d', 1], ['e', 1], ['d', 2], ['f', 1], ['e', undefined], ['g', 4], ['d', 3]]);
    apps.push(
      await startService(t, {
        controllers: [projector(durable, 'one')],
        probe,
        consumers: [{ durable, filterSubject, batchSize: 3 }],
      }),
    );
    await waitFor('the projection to catch up', async () => (await runner.checkpoint()) === events[6]!.seq);
    await apps.pop()!.close();
    const live = await snapshot(dataSource);
    expect(await countRows(dataSource, 'templates')).to.be.greaterThan(0);

    await dataSource.query('TRUNCATE templates, template_history, template_last_events, projection_row_versions'); // dropped
    const result = await rebuildProjections({ runner, store: t.store, filterSubject, batchSize: 4 });
    expect(await snapshot(dataSource)).to.deep.equal(live);
    expect(result).to.deep.equal({ events: events.length, checkpoint: events[6]!.seq });
  });
});
