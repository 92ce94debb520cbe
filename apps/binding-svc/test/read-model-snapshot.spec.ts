import { expect } from 'chai';
import type { DataSource, EntityManager } from 'typeorm';
import { PlacementDecided, type PlacementDecidedData } from '@karmada-ts/contracts';
import { dropDatabase, openProjectionDatabase, ProjectionRunner } from '@karmada-ts/projections';
import { uniqueName } from '@karmada-ts/testing';
import { CreateBindingReadModels1764400000000 } from '../src/migrations/1764400000000-create-binding-read-models.js';
import { placementsProjection } from '../src/read-models/placements.projection.js';
import { ReadModelReader } from '../src/read-models/read-model.reader.js';
import { storedEvent } from './builders.js';

const postgresUrl = 'postgres://postgres@127.0.0.1:5432';
const binding = { namespace: 'default', name: 'nginx-deployment' };

function placementDecided(seq: number, clusters: string[]) {
  const data: PlacementDecidedData = {
    binding: { kind: 'ResourceBinding', ...binding, uid: 'nginx-binding-uid' },
    observedBindingSeq: 1,
    clusters: clusters.map((name) => ({ name, replicas: 1 })),
    gracefulEvictionTasks: [],
    scheduledCondition: { type: 'Scheduled', status: 'True' },
    explanation: clusters.map((cluster) => ({ cluster, score: 0, assignedReplicas: 1 })),
    rejected: [{ plugin: 'ClusterAffinity', reasons: ['cluster(s) did not match the placement cluster affinity constraint'], clusters: ['member3'] }],
  };
  return storedEvent(PlacementDecided, seq, { subject: `test.placement.default.${binding.name}`, actor: 'system:scheduler-svc', data });
}

// A reconcile reads several read models; what another consumer commits between two of those reads must not make them
// disagree (a placement read before a new one was committed, the Works rendered from it read after, looked orphaned).
describe('binding-svc ReadModelReader.snapshot', function () {
  this.timeout(30_000);
  const database = uniqueName('rms');
  let db: DataSource;
  let runner: ProjectionRunner;

  before(async () => {
    db = await openProjectionDatabase({ url: `${postgresUrl}/${database}`, schema: 'binding_svc', migrations: [CreateBindingReadModels1764400000000] });
    runner = new ProjectionRunner(db, { consumer: 'binding-svc-placements', projections: [placementsProjection] });
  });

  after(async () => {
    await db?.destroy();
    await dropDatabase(`${postgresUrl}/${database}`);
  });

  it('reads every table as of its first read, whatever is committed meanwhile', async () => {
    const reader = new ReadModelReader(db);
    const seen = await reader.snapshot(async (snapshot) => {
      const first = await snapshot.placements([binding]);
      await runner.applyBatch([placementDecided(10, ['member1', 'member2'])]);
      const second = await snapshot.placements([binding]);
      return { first: first.size, second: second.size };
    });
    expect(seen).to.deep.equal({ first: 0, second: 0 });
    const after = await reader.placements([binding]);
    expect([...after.values()].map((p) => p.value.clusters.map((c) => c.name))).to.deep.equal([['member1', 'member2']]);
  });

  it('keeps of a decision only what the service reads: whose it is, the target clusters, the eviction tasks', async () => {
    await runner.applyBatch([placementDecided(11, ['member2'])]);
    const placements = await new ReadModelReader(db).placements([binding]);
    expect(placements.get(`${binding.namespace}/${binding.name}`)).to.deep.equal({
      value: {
        binding: { kind: 'ResourceBinding', ...binding, uid: 'nginx-binding-uid' },
        clusters: [{ name: 'member2', replicas: 1 }],
        gracefulEvictionTasks: [],
      },
      seq: 11,
    });
  });

  it('templatesOfKind reads a kind again only when a row of it was added, changed or removed', async () => {
    const kind = 'clusters.cluster.karmada.io';
    const write = (name: string, seq: number, label: string) =>
      db.query(
        `INSERT INTO templates (kind, namespace, name, state, seq) VALUES ($1, '', $2, $3, $4)
         ON CONFLICT (kind, namespace, name) DO UPDATE SET state = EXCLUDED.state, seq = EXCLUDED.seq`,
        [kind, name, JSON.stringify({ resource: { group: 'cluster.karmada.io', version: 'v1alpha1', resource: 'clusters' }, object: { metadata: { name, labels: { label } } } }), seq],
      );
    const reader = new ReadModelReader(db);
    const seen = async () => (await reader.snapshot((snapshot) => snapshot.templatesOfKind(kind))).map((s) => `${s.object.metadata?.name}:${s.object.metadata?.labels?.['label']}`);
    await write('member1', 20, 'a');
    await write('member2', 21, 'a');
    const first = await reader.snapshot((snapshot) => snapshot.templatesOfKind(kind));
    expect(await reader.snapshot((snapshot) => snapshot.templatesOfKind(kind))).to.equal(first);

    await write('member2', 22, 'b');
    expect(await seen()).to.deep.equal(['member1:a', 'member2:b']);
    await db.query('DELETE FROM templates WHERE kind = $1 AND name = $2', [kind, 'member1']);
    await write('member3', 23, 'a');
    expect(await seen()).to.deep.equal(['member2:b', 'member3:a']);

    // A snapshot opened before a change keeps what it saw, though another reader has read the change meanwhile.
    const old = await reader.snapshot(async (snapshot) => {
      await snapshot.templatesOfKind(kind);
      await write('member3', 24, 'c');
      expect(await seen()).to.deep.equal(['member2:b', 'member3:c']);
      return (await snapshot.templatesOfKind(kind)).map((s) => s.object.metadata?.labels?.['label']);
    });
    expect(old).to.deep.equal(['b', 'a']);
    expect(await seen()).to.deep.equal(['member2:b', 'member3:c']);
  });
  it("runs a snapshot's reads one after another on its connection, even when they are asked for side by side", async () => {
    // A transaction's manager: one connection. pg queues a query sent while another runs, and deprecates doing so.
    let running = 0;
    let mostAtOnce = 0;
    const manager = {
      async query(sql: string, parameters?: unknown[]): Promise<unknown> {
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        try {
          return await db.query(sql, parameters);
        } finally {
          running -= 1;
        }
      },
    } as unknown as EntityManager;
    const snapshot = new ReadModelReader(manager);
    const [placements, bindings, kinds] = await Promise.all([snapshot.placements([binding]), snapshot.bindings([binding]), snapshot.resourceKinds()]);
    expect(mostAtOnce).to.equal(1);
    const pooled = new ReadModelReader(db);
    expect([...placements.keys()]).to.deep.equal([...(await pooled.placements([binding])).keys()]);
    expect(bindings.size).to.equal((await pooled.bindings([binding])).size);
    expect(kinds).to.deep.equal(await pooled.resourceKinds());
  });
});
